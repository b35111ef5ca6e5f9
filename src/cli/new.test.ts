import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tseq } from '../../test/cli-harness.js';
import type { TaskSequence } from '../model/node.js';
import { walkSteps } from '../model/node.js';
import { validateDocument } from '../model/validate.js';
import { readDocument, writeDocumentText } from '../xml/index.js';
import { TEMPLATES } from './commands/new.js';

const tmp = mkdtempSync(join(tmpdir(), 'tseq-new-test-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

for (const template of ['client', 'server', 'custom'] as const) {
  test(`new --template ${template}: written, reads back, validates clean, and tseq show and validate take it`, async () => {
    const out = join(tmp, `${template}.xml`);
    const r = await tseq('new', '--template', template, '-o', out);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const { document, kind } = readDocument(readFileSync(out), { file: out });
    assert.equal(kind, 'sequence');
    assert.deepEqual(validateDocument(document), []);
    const validate = await tseq('validate', out);
    assert.equal(validate.code, 0, validate.stdout);
    const show = await tseq('show', out);
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /^1 {2}\S/);
  });
}

/** The steps of a template: `name (class)` by path. */
function outline(seq: TaskSequence): string[] {
  return [...walkSteps(seq.Steps)].map((v) => `${v.path} ${v.step.Name} (${v.step.__CLASS.replace('SMS_TaskSequence_', '')})`);
}

test('the client template has the shape of ConfigMgr\'s "Install an existing image package" sequence', () => {
  const seq = TEMPLATES.client();
  assert.deepEqual(outline(seq), [
    '1 Capture Files and Settings (Group)',
    '1/1 Capture Windows Settings (CaptureWindowsSettingsAction)',
    '1/2 Capture Network Settings (CaptureNetworkSettingsAction)',
    '1/3 Capture User Files and Settings (Group)',
    '1/3/1 Request User State Storage (RequestStateStoreAction)',
    '1/3/2 Capture User Files and Settings (CaptureUserStateAction)',
    '1/3/3 Release User State Storage (ReleaseStateStoreAction)',
    '2 Install Operating System (Group)',
    '2/1 Restart in Windows PE (RebootAction)',
    '2/2 Partition Disk 0 - BIOS (PartitionDiskAction)',
    '2/3 Partition Disk 0 - UEFI (PartitionDiskAction)',
    '2/4 Apply Operating System (ApplyOperatingSystemAction)',
    '2/5 Apply Windows Settings (ApplyWindowsSettingsAction)',
    '2/6 Apply Network Settings (ApplyNetworkSettingsAction)',
    '2/7 Apply Device Drivers (AutoApplyAction)',
    '3 Setup Operating System (Group)',
    '3/1 Setup Windows and Configuration Manager (SetupWindowsAndSMSAction)',
    '3/2 Install Updates (InstallUpdateAction)',
    '3/3 Install Applications (InstallApplicationAction)',
    '4 Restore User Files and Settings (Group)',
    '4/1 Request User State Storage (RequestStateStoreAction)',
    '4/2 Restore User Files and Settings (RestoreUserStateAction)',
    '4/3 Release User State Storage (ReleaseStateStoreAction)',
  ]);
});

test('the client template conditions: capture only in the full OS, one partition step for BIOS and one for UEFI', async () => {
  const r = await tseq('new', '--template', 'client');
  assert.equal(r.code, 0, r.stderr);
  const file = join(tmp, 'client-show.xml');
  writeFileSync(file, r.stdoutBytes);
  const show = (await tseq('show', file)).stdout;
  assert.match(show, /^1 {2}Capture Files and Settings {2}\(group\)\n {3}if _SMSTSInWinPE = "false"$/m);
  assert.match(show, /Partition Disk 0 - BIOS .*\n.*_SMSTSClientCache does not exist and .* and _SMSTSBootUEFI <> "true"/);
  assert.match(show, /Partition Disk 0 - UEFI .*\n.*_SMSTSClientCache does not exist and .* and _SMSTSBootUEFI = "true"/);
  assert.match(show, /Restart in Windows PE .*\n\s+if _SMSTSInWinPE = "false"/);
});

test('the server template has no user state, and installs roles and features', () => {
  const lines = outline(TEMPLATES.server());
  assert.equal(lines.some((l) => /UserState|StateStore/.test(l)), false);
  assert.ok(lines.some((l) => l.includes('Install Roles and Features')));
  assert.ok(lines.some((l) => l.includes('Apply Operating System (ApplyOperatingSystemAction)')));
});

test('the custom template is an empty custom task sequence: one group to start from', () => {
  assert.deepEqual(outline(TEMPLATES.custom()), ['1 New Group (Group)']);
});

test('new refuses to overwrite a file without --force (exit 2), and overwrites it with --force', async () => {
  const out = join(tmp, 'existing.xml');
  writeFileSync(out, 'keep me');
  const refused = await tseq('new', '--template', 'custom', '-o', out);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /exists; use --force/);
  assert.equal(readFileSync(out, 'utf8'), 'keep me');
  const forced = await tseq('new', '--template', 'custom', '-o', out, '--force');
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(readFileSync(out, 'utf8'), /<group name="New Group"/);
});

test('new without a template, or with an unknown one, is a usage error', async () => {
  assert.equal((await tseq('new', '-o', join(tmp, 'x.xml'))).code, 2);
  const unknown = await tseq('new', '--template', 'laptop');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /client, server, custom/);
  assert.equal(existsSync(join(tmp, 'x.xml')), false);
});

test('the package IDs of the templates are placeholders in the site code + 5 hex digits form', () => {
  const text = writeDocumentText(TEMPLATES.client());
  const ids = new Set(text.match(/\bABC[0-9A-F]{5}\b/g) ?? []);
  assert.deepEqual([...ids].sort(), ['ABC00001', 'ABC00002', 'ABC00003']);
});
