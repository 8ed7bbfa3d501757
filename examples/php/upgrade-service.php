<?php
/**
 * What the "Upgrade/Downgrade" button of a WHMCS or Blesta client area does with Upshift, start to finish:
 *
 *   1. quote the change for the client (storefront token);
 *   2. place the order with an Idempotency-Key derived from the front-end's own order reference, so a hook that runs
 *      twice, or a retry after a timeout, never places two orders (storefront token);
 *   3. wait for the invoice, and pay it as the payment gateway's callback would (gateway token, Idempotency-Key);
 *   4. wait until the upgrade is `completed` (billing applied, control panel changed, email sent).
 *
 * In a real installation step 3 happens in the gateway callback, and step 4 is better left to the webhook receiver
 * (webhook-receiver.php); here all four run in one script so it can be tried, and CI runs it against a real Upshift.
 *
 * Usage (PHP 8.1+, no extensions beyond the defaults):
 *   UPSHIFT_URL=http://127.0.0.1:3000 UPSHIFT_STOREFRONT_TOKEN=… UPSHIFT_GATEWAY_TOKEN=… \
 *   UPSHIFT_SERVICE_ID=310 UPSHIFT_PRODUCT_ID=2 [UPSHIFT_BILLING_CYCLE=annually] [UPSHIFT_ORDER_REF=whmcs-upgrade-991] \
 *   [UPSHIFT_WAIT_SECONDS=60] php upgrade-service.php
 *
 * Exit codes: 0 completed; 1 the API refused something or the upgrade ended elsewhere (rejected, cancelled,
 * provisioning_failed); 2 a missing or bad environment variable.
 */

declare(strict_types=1);

require __DIR__ . '/UpshiftClient.php';

/** Reads a required environment variable, or stops with exit code 2 naming it. */
function env_required(string $name, bool $positiveInt = false): string
{
    $value = getenv($name);
    if ($value === false || $value === '') {
        fwrite(STDERR, "upgrade-service.php: {$name} is not set\n");
        exit(2);
    }
    if ($positiveInt && preg_match('/^[1-9]\d{0,9}$/', $value) !== 1) {
        fwrite(STDERR, "upgrade-service.php: {$name} must be a positive integer id, got '{$value}'\n");
        exit(2);
    }
    return $value;
}

/** Polls GET /v1/upgrades/:id until its status is one of `$until`; prints each status it passes through. */
function wait_for(UpshiftClient $api, int $upgradeId, array $until, float $deadline, string &$last): array
{
    while (true) {
        $upgrade = $api->get("/v1/upgrades/{$upgradeId}");
        if ($upgrade['status'] !== $last) {
            $last = $upgrade['status'];
            echo "status: {$last}" . ($upgrade['reason'] ? " ({$upgrade['reason']})" : '') . "\n";
        }
        if (in_array($upgrade['status'], $until, true)) {
            return $upgrade;
        }
        if (in_array($upgrade['status'], ['rejected', 'cancelled', 'provisioning_failed'], true)) {
            throw new RuntimeException("upgrade {$upgradeId} ended as {$upgrade['status']}: " . ($upgrade['reason'] ?? 'no reason given'));
        }
        if (microtime(true) > $deadline) {
            throw new RuntimeException("upgrade {$upgradeId} is still {$upgrade['status']} after UPSHIFT_WAIT_SECONDS");
        }
        usleep(250_000);
    }
}

$url = env_required('UPSHIFT_URL');
$storefront = new UpshiftClient($url, env_required('UPSHIFT_STOREFRONT_TOKEN'));
$gateway = new UpshiftClient($url, env_required('UPSHIFT_GATEWAY_TOKEN'));
$serviceId = (int) env_required('UPSHIFT_SERVICE_ID', true);
$productId = (int) env_required('UPSHIFT_PRODUCT_ID', true);
$cycle = getenv('UPSHIFT_BILLING_CYCLE') ?: null;
// The front-end's own id for this upgrade request (WHMCS: tblupgrades.id). It makes the Idempotency-Key: the same
// request sent twice is one order. Idempotency-Key allows A-Z a-z 0-9 _ - : . and 128 characters.
$orderRef = getenv('UPSHIFT_ORDER_REF') ?: sprintf('upgrade-%d-%d-%s-%s', $serviceId, $productId, $cycle ?? 'same', date('Ymd'));
if (preg_match('/^[A-Za-z0-9_\-:.]{1,100}$/', $orderRef) !== 1) {
    fwrite(STDERR, "upgrade-service.php: UPSHIFT_ORDER_REF must be 1-100 characters of A-Z a-z 0-9 _ - : .\n");
    exit(2);
}
$deadline = microtime(true) + (float) (getenv('UPSHIFT_WAIT_SECONDS') ?: 60);
$request = ['productId' => $productId] + ($cycle !== null ? ['billingCycle' => $cycle] : []);

try {
    // 1. What the client is shown. The storefront always acts as the client (it may not send "actor": "staff").
    $quote = $storefront->post("/v1/services/{$serviceId}/quote", $request)['body'];
    $currency = $storefront->get("/v1/services/{$serviceId}")['currency'];
    printf("quote: %s, credit %s, debit %s, total %s %s (%s, %s)\n", $quote['lines'][0]['description'] ?? 'change',
        $quote['credit'], $quote['debit'], $quote['total'], $currency, $quote['direction'], $quote['timing']);

    // 2. The order. 202 with the upgrade id; the pipeline prices it again and raises the invoice.
    $orderKey = "order-{$orderRef}";
    $placed = $storefront->post("/v1/services/{$serviceId}/upgrades", $request + ['actor' => 'client'], $orderKey);
    $upgradeId = (int) $placed['body']['upgradeId'];
    echo "order: upgrade {$upgradeId} {$placed['body']['status']} (Idempotency-Key {$orderKey})\n";
    // What a retry after a lost answer gets: the same upgrade, not a second order.
    $again = $storefront->post("/v1/services/{$serviceId}/upgrades", $request + ['actor' => 'client'], $orderKey);
    echo 'order sent again with the same key: upgrade ' . $again['body']['upgradeId'] . ($again['replayed'] ? ' (replayed, no second order)' : ' (NOT replayed)') . "\n";

    $status = '';
    $upgrade = wait_for($storefront, $upgradeId, ['invoiced', 'applied', 'provisioned', 'completed'], $deadline, $status);

    // 3. The payment, as the gateway's callback records it: its own token, the gateway's transaction id, and an
    //    Idempotency-Key, so a callback delivered twice records one payment.
    if ($upgrade['invoiceId'] !== null) {
        $invoice = $gateway->get("/v1/invoices/{$upgrade['invoiceId']}");
        echo "invoice: {$invoice['id']} total {$invoice['total']} {$invoice['currency']}, {$invoice['status']}\n";
        if ($invoice['status'] === 'unpaid') {
            $transactionId = "txn-{$orderRef}";
            $payment = $gateway->post("/v1/invoices/{$invoice['id']}/payments", [
                'amount' => $invoice['total'], 'currency' => $invoice['currency'], 'gateway' => 'php-example', 'transactionId' => $transactionId,
            ], "pay-{$orderRef}")['body'];
            echo "payment: {$payment['paymentId']} {$payment['outcome']}, invoice {$payment['invoiceStatus']} (transaction {$transactionId})\n";
        }
    }

    // 4. Done when billing, the control panel and the email are.
    $upgrade = wait_for($storefront, $upgradeId, ['completed'], $deadline, $status);
    $service = $storefront->get("/v1/services/{$serviceId}");
    printf("done: upgrade %d completed; service %d is product %d, %s %s %s, next due %s\n", $upgradeId, $serviceId,
        $service['productId'], $service['recurringAmount'], $service['currency'], $service['billingCycle'], $service['nextDueDate'] ?? 'never');
    exit(0);
} catch (UpshiftApiError $e) {
    // The API names the field in `details` for 400 and 422 answers.
    $fields = implode(', ', array_map(fn (array $d): string => "{$d['field']}: {$d['message']}", $e->details));
    fwrite(STDERR, "upgrade-service.php: Upshift refused: {$e->getMessage()}" . ($fields !== '' ? " [{$fields}]" : '') . "\n");
    exit(1);
} catch (RuntimeException $e) {
    fwrite(STDERR, "upgrade-service.php: {$e->getMessage()}\n");
    exit(1);
}
