// The emulator's certificate: self-signed for 127.0.0.1/localhost, made once per data folder. The
// product trusts it only for the emulator's endpoint (the Azure SDK refuses bearer tokens over http).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsFiles {
  caFile: string;
  cert: string;
  key: string;
}

/** The CA certificate of a data folder's emulator (what clients, and flows it executes, trust). */
export const caFileOf = (dataDir: string): string => join(dataDir, 'tls', 'ca.pem');

export async function ensureCertificate(dataDir: string): Promise<TlsFiles> {
  const dir = join(dataDir, 'tls');
  mkdirSync(dir, { recursive: true });
  const caFile = caFileOf(dataDir);
  const keyFile = join(dir, 'key.pem');
  if (!existsSync(caFile) || !existsSync(keyFile)) {
    const pems = await generate([{ name: 'commonName', value: 'Azure ML emulator (127.0.0.1)' }], {
      // A day of slack before "now" so a skewed client clock still accepts it; EC keys are quick to make.
      notBeforeDate: new Date(Date.now() - 86_400_000),
      notAfterDate: new Date(Date.now() + 825 * 86_400_000),
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 7, ip: '127.0.0.1' },
            { type: 2, value: 'localhost' },
          ],
        },
      ],
    });
    // Key first, certificate last: a crash in between leaves no certificate, so the pair is regenerated.
    writeFileSync(`${keyFile}.tmp`, pems.private, { mode: 0o600 });
    renameSync(`${keyFile}.tmp`, keyFile);
    writeFileSync(`${caFile}.tmp`, pems.cert);
    renameSync(`${caFile}.tmp`, caFile);
  }
  return { caFile, cert: readFileSync(caFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}
