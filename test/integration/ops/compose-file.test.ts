import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../../../src/cli/commands/index.js';
import { parseStartArgs } from '../../../src/cli/commands/start.js';
import { CONFIG_VARIABLES } from '../../../src/config/config-variables.js';
import { packageRoot } from '../../../src/config/package-root.js';

const root = packageRoot();
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** What the line parser reads of one compose service. */
interface ComposeService {
  name: string;
  image: string | null;
  command: string[] | null;
  environment: string[];
}

/** The compose file's x-upshift-env block and services, read line by line (no YAML package is installed). */
function parseCompose(text: string): { sharedEnv: string[]; services: ComposeService[] } {
  const sharedEnv: string[] = [];
  const services: ComposeService[] = [];
  let top = '';
  let service: ComposeService | null = null;
  let inEnvironment = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').replace(/^#.*$/, '');
    if (line.trim() === '') continue;
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    if (indent === 0) {
      top = body.split(':')[0]!;
      service = null;
      continue;
    }
    if (top === 'x-upshift-env' && indent === 2) {
      sharedEnv.push(body.split(':')[0]);
      continue;
    }
    if (top !== 'services') continue;
    if (indent === 2) {
      service = { name: body.replace(/:$/, ''), image: null, command: null, environment: [] };
      services.push(service);
      inEnvironment = false;
      continue;
    }
    if (!service) continue;
    if (indent === 4) {
      inEnvironment = body === 'environment:';
      const [key, ...rest] = body.split(':');
      const value = rest.join(':').trim();
      if (key === 'image') service.image = value;
      if (key === 'command') service.command = JSON.parse(value) as string[];
      if (key === 'environment' && value === '*upshift-env') service.environment.push('*upshift-env');
      continue;
    }
    if (inEnvironment && indent === 6) {
      const [key, ...rest] = body.split(':');
      service.environment.push(key === '<<' ? rest.join(':').trim() : key); // `<<: *upshift-env` merges the shared block
    }
  }
  return { sharedEnv, services };
}

/** Every environment variable the configuration reads (config-variables.ts, and the few load-config.ts reads itself). */
function configVariables(): Set<string> {
  const source = read('src/config/load-config.ts');
  return new Set([...Object.keys(CONFIG_VARIABLES), ...[...source.matchAll(/env\.([A-Z0-9_]+)/g)].map((m) => m[1])]);
}

describe('docker/compose.yml and docker/Dockerfile match the code', () => {
  const compose = parseCompose(read('docker/compose.yml'));
  const known = configVariables();
  const appServices = compose.services.filter((s) => s.image === null);

  it('has redis, mysql, api and workers, the app services built from the Dockerfile', () => {
    expect(compose.services.map((s) => s.name)).to.have.members(['mysql', 'redis', 'api', 'workers']);
    expect(appServices.map((s) => s.name)).to.have.members(['api', 'workers']);
    expect(known.size).to.be.greaterThan(15);
  });

  it('runs only real upshift sub-commands with valid flags', () => {
    for (const s of appServices) {
      expect(s.command, s.name).to.not.equal(null);
      const [name, ...args] = s.command!;
      expect(commands, `${s.name}: upshift ${name}`).to.have.property(name);
      if (name === 'start') expect(parseStartArgs(args), `${s.name}: ${s.command!.join(' ')}`).to.be.an('object');
    }
    const api = parseStartArgs(appServices.find((s) => s.name === 'api')!.command!.slice(1));
    const workers = parseStartArgs(appServices.find((s) => s.name === 'workers')!.command!.slice(1));
    expect(api).to.deep.include({ api: true, queues: [] });
    expect(workers).to.deep.include({ api: false });
    expect((workers as { queues: string[] }).queues).to.have.length(6);
  });

  it("sets only environment variables the configuration reads (or the images' own)", () => {
    expect(compose.sharedEnv).to.include.members(['DATABASE_URL', 'REDIS_URL', 'SECRETS_KEY', 'DASHBOARD_PASSWORD']);
    for (const name of compose.sharedEnv) expect(known.has(name), `x-upshift-env ${name}`).to.equal(true);
    for (const s of appServices) {
      expect(s.environment, s.name).to.include('*upshift-env');
      for (const name of s.environment.filter((n) => n !== '*upshift-env'))
        expect(known.has(name), `${s.name} ${name}`).to.equal(true);
    }
    for (const s of compose.services.filter((x) => x.image !== null)) {
      for (const name of s.environment)
        expect(name, `${s.name} ${name}`).to.match(s.image!.startsWith('mysql') ? /^MYSQL_/ : /^REDIS_/);
    }
  });

  it('builds an image from files that exist and runs bin/upshift.js as a non-root user', () => {
    const dockerfile = read('docker/Dockerfile');
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1].split(/\s+/));
    expect(sources).to.include.members(['package.json', 'src', 'workers', 'templates', 'config', 'bin']);
    for (const src of sources) expect(existsSync(join(root, src)), `COPY ${src}`).to.equal(true);
    expect(dockerfile).to.match(/^USER node$/m);
    expect(dockerfile).to.match(/npm ci --omit=dev/);
    expect(dockerfile).to.include('ENTRYPOINT ["node", "bin/upshift.js"]');
    expect(existsSync(join(root, 'bin', 'upshift.js'))).to.equal(true);
    const cmd = JSON.parse(/^CMD (.+)$/m.exec(dockerfile)![1]) as string[];
    expect(commands).to.have.property(cmd[0]);
  });
});
