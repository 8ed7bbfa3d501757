/** A service's setting of one option (DESIGN §3): `choiceId` for dropdown/radio, `qty` for yesno/quantity. */
export interface OptionSelection {
  optionId: number;
  choiceId?: number;
  qty?: number;
}
