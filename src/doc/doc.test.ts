/**
 * `tseq doc`: every corpus document renders in both formats and names every step and group; secrets
 * are masked; conditions read in plain words; hostile names are escaped; the HTML is one balanced,
 * self-contained file; the CLI writes stdout or a file and refuses bad input with exit 2.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tseq } from '../../test/cli-harness.js';
import { corpusDocuments, projectRoot, readCorpusBytes } from '../../test/corpus.js';
import type { Condition, Document, ModelObject, Operand } from '../model/node.js';
import { sequenceOf, walkSteps } from '../model/node.js';
import { readDocument } from '../xml/index.js';
import { describeConditionInWords, documentSequence, escapeHtml, escapeMarkdown, markdownCode, SECRET_MASK } from './index.js';

const tmp = mkdtempSync(join(tmpdir(), 'tseq-doc-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const EXAMPLE = join(projectRoot(), 'examples', 'windows-11-deployment.xml');

function read(xml: string): Document {
  return readDocument(xml).document;
}

/** Opening and closing tags of an element balance, in order (never more closed than opened). */
function assertBalanced(html: string, tag: string, where: string): void {
  const re = new RegExp(`<(/?)${tag}(?=[\\s>])`, 'g');
  let depth = 0;
  let opened = 0;
  for (const m of html.matchAll(re)) {
    depth += m[1] ? -1 : 1;
    if (!m[1]) opened++;
    assert.ok(depth >= 0, `${where}: </${tag}> without an open <${tag}>`);
  }
  assert.equal(depth, 0, `${where}: <${tag}> left open`);
  void opened;
}

/** Elements the HTML output is made of; text from the task sequence is escaped, so any other tag is a leak. */
const HTML_TAGS = new Set(
  'html head meta title style body header p h1 h2 section dl div dt dd figure figcaption svg defs marker path rect a g text ul li details summary span table colgroup col thead tbody tr th td code pre br footer'.split(' '),
);

/** Only the elements above, no attribute that loads or runs anything, no CSS that fetches. */
function assertSelfContained(html: string, where: string): void {
  for (const m of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    assert.ok(HTML_TAGS.has(m[1]!.toLowerCase()), `${where}: unexpected element <${m[1]}>`);
    assert.ok(!/\s(src|on[a-z]+)\s*=/i.test(m[2]!), `${where}: unexpected attribute in ${m[0].slice(0, 120)}`);
    assert.ok(!/\shref\s*=\s*"(?!#)/i.test(m[2]!), `${where}: a link out of the page in ${m[0].slice(0, 120)}`);
  }
  const css = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
  assert.ok(!/url\(|@import/i.test(css), `${where}: the CSS fetches something`);
}

/** The cells of a GFM table row, split as GitHub splits them: a backslash escapes the next character, `|` ends a cell. */
function markdownCells(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) {
      cur += c + line[i + 1]!;
      i++;
    } else if (c === '|') {
      cells.push(cur);
      cur = '';
    } else cur += c;
  }
  cells.push(cur);
  return cells.slice(1, -1);
}

// ---------------------------------------------------------------------------------------------
// Every corpus document

const documents = corpusDocuments();

test('the corpus is there', () => {
  assert.ok(documents.length > 100, `only ${documents.length} corpus documents`);
});

for (const entry of documents) {
  test(`doc renders ${entry.file} in both formats, naming every step and group`, () => {
    const doc = readDocument(readCorpusBytes(entry)).document;
    const md = documentSequence(doc, { format: 'md', source: entry.file });
    const html = documentSequence(doc, { format: 'html', source: entry.file });
    const visits = [...walkSteps(sequenceOf(doc).Steps)];
    for (const { step, path } of visits) {
      assert.ok(md.includes(escapeMarkdown(step.Name)), `md lacks ${path} ${step.Name}`);
      assert.ok(html.includes(escapeHtml(step.Name)), `html lacks ${path} ${step.Name}`);
      assert.ok(html.includes(`id="step-${path.replace(/\//g, '-')}"`), `html has no row for ${path}`);
    }
    // Markdown: one table row per step and group, each with exactly seven cells.
    const rows = md.split('\n').filter((l) => /^\| \d+(\/\d+)* \|/.test(l));
    assert.equal(rows.length, visits.length);
    for (const row of rows) assert.equal(markdownCells(row).length, 7, `a row splits wrongly: ${row.slice(0, 200)}`);
    // HTML: balanced containers, one steps row per step and group, nothing external.
    for (const tag of ['details', 'summary', 'table', 'tr', 'td', 'ul', 'li', 'section', 'svg', 'dl', 'pre']) assertBalanced(html, tag, entry.file);
    assert.equal((html.match(/<tr id="step-/g) ?? []).length, visits.length);
    assertSelfContained(html, entry.file);
  });
}

// ---------------------------------------------------------------------------------------------
// Secrets

const SECRETS = `<sequence version="3.10">
  <group name="Settings" description="">
    <step type="SMS_TaskSequence_JoinDomainWorkgroupAction" name="Join" description="" runIn="FullOS" successCodeList="0">
      <action>osdjoin.exe /type:%OSDJoinType%</action>
      <defaultVarList>
        <variable name="OSDJoinType" property="Type">0</variable>
        <variable name="OSDJoinDomainName" property="DomainName">corp.example</variable>
        <variable name="OSDJoinAccount" property="DomainUsername">CORP\\join</variable>
        <variable name="OSDJoinPassword" property="DomainPassword">Hunter2-join-secret</variable>
      </defaultVarList>
    </step>
    <step type="SMS_TaskSequence_RunCommandLineAction" name="As user" description="" runIn="FullOS" successCodeList="0 3010">
      <action>smsswd.exe /run: whoami</action>
      <defaultVarList>
        <variable name="CommandLine" property="CommandLine" hidden="true">whoami</variable>
        <variable name="_SMSTSRunCommandLineAsUser" property="RunAsUser">true</variable>
        <variable name="SMSTSRunCommandLineUserName" property="UserName">CORP\\svc</variable>
        <variable name="SMSTSRunCommandLineUserPassword" property="UserPassword">Hunter2-run-secret</variable>
      </defaultVarList>
    </step>
    <step type="SMS_TaskSequence_SetVariableAction" name="Hidden value" description="" runIn="WinPEandFullOS" successCodeList="0">
      <action>tsenv.exe "ApiKey=Hunter2-variable-secret" /hiddenflag:True</action>
      <defaultVarList>
        <variable name="VariableName" property="VariableName" hidden="true">ApiKey</variable>
        <variable name="VariableValue" property="VariableValue" hidden="true">Hunter2-variable-secret</variable>
        <variable name="DoNotShowVariableValue" property="DoNotShowVariableValue" hidden="true">true</variable>
      </defaultVarList>
    </step>
    <step type="SMS_TaskSequence_SetDynamicVariablesAction" name="Rules" description="" runIn="WinPEandFullOS" successCodeList="0">
      <action>OSDSetDynamicVariables.exe</action>
      <defaultVarList>
        <variable name="OSDSetDynamicVariablesRules" property="Rules">&lt;Rules&gt;&lt;Rule&gt;&lt;Variables&gt;&lt;Variable Name="Token" IsSecret="true"&gt;Hunter2-rule-secret&lt;/Variable&gt;&lt;Variable Name="Site" IsSecret="false"&gt;Lab&lt;/Variable&gt;&lt;/Variables&gt;&lt;/Rule&gt;&lt;/Rules&gt;</variable>
      </defaultVarList>
    </step>
    <step type="Contoso_CustomAction" name="Custom" description="" runIn="FullOS" successCodeList="0">
      <action>contoso.exe</action>
      <defaultVarList>
        <variable name="ContosoServer" property="Server">srv01</variable>
        <variable name="ContosoPassword" property="Password">Hunter2-custom-secret</variable>
      </defaultVarList>
    </step>
  </group>
</sequence>`;

test('secret values are masked in both formats; the other values are shown', () => {
  const doc = read(SECRETS);
  for (const format of ['md', 'html'] as const) {
    const out = documentSequence(doc, { format });
    assert.doesNotMatch(out, /Hunter2/, `${format} shows a secret`);
    assert.ok(out.split(SECRET_MASK).length - 1 >= 5, `${format}: expected five masked values`);
    for (const shown of ['corp.example', 'whoami', 'ApiKey', 'Site = Lab', 'srv01']) assert.ok(out.includes(shown), `${format} lacks ${shown}`);
  }
  const md = documentSequence(doc, { format: 'md' });
  assert.match(md, /DomainPassword: `\*{8}`/);
});

// ---------------------------------------------------------------------------------------------
// Conditions in words

const v = (Variable: string, Operator: string, Value?: string): ModelObject =>
  Value === undefined ? { __CLASS: 'SMS_TaskSequence_VariableConditionExpression', Variable, Operator } : { __CLASS: 'SMS_TaskSequence_VariableConditionExpression', Variable, Operator, Value };
const op = (OperatorType: string, ...Operands: Operand[]): ModelObject => ({ __CLASS: 'SMS_TaskSequence_ConditionOperator', OperatorType, Operands });
const wmi = (Query: string, Namespace = 'root\\cimv2'): ModelObject => ({ __CLASS: 'SMS_TaskSequence_WMIConditionExpression', Namespace, Query });
const cond = (...Operands: Operand[]): Condition => ({ __CLASS: 'SMS_TaskSequence_Condition', Operands }) as Condition;

const CONDITIONS: [string, Condition | undefined, string][] = [
  ['no condition', undefined, ''],
  ['empty condition', cond(), ''],
  ['equals', cond(v('IsLaptop', 'equals', 'True')), 'IsLaptop is True'],
  ['Equals spelt with a capital', cond(v('IsLaptop', 'Equals', 'True')), 'IsLaptop is True'],
  ['notEquals', cond(v('_SMSTSInWinPE', 'notEquals', 'true')), '_SMSTSInWinPE is not true'],
  ['exists', cond(v('ForceDrivers', 'exists')), 'ForceDrivers is set'],
  ['notExists', cond(v('ForceDrivers', 'notExists')), 'ForceDrivers is not set'],
  ['like', cond(v('Model', 'like', '*Latitude*')), 'Model is like *Latitude*'],
  ['notLike', cond(v('Model', 'notLike', '*VM*')), 'Model is not like *VM*'],
  ['greaterEqual', cond(v('OSBuild', 'greaterEqual', '22000')), 'OSBuild is at least 22000'],
  ['less', cond(v('Memory', 'less', '4096')), 'Memory is less than 4096'],
  ['a value with spaces is quoted', cond(v('Model', 'equals', 'HP EliteBook 840')), 'Model is "HP EliteBook 840"'],
  ['an empty value is quoted', cond(v('OSDComputerName', 'equals', '')), 'OSDComputerName is ""'],
  [
    'the brief example: WMI model and a variable',
    cond(wmi('SELECT * FROM Win32_ComputerSystem WHERE Model LIKE "%Latitude%"'), v('IsLaptop', 'equals', 'True')),
    'the model is like "%Latitude%" and IsLaptop is True',
  ],
  ['WMI with no WHERE', cond(wmi('SELECT * FROM Win32_Battery')), 'Win32_Battery exists'],
  ['WMI with a longer WHERE', cond(wmi("SELECT * FROM Win32_Volume WHERE DriveLetter = 'C:' AND FileSystem = 'NTFS'")), "Win32_Volume where (DriveLetter = 'C:' AND FileSystem = 'NTFS')"],
  ['WMI in another namespace', cond(wmi('SELECT * FROM Win32_Tpm WHERE IsEnabled_InitialValue = TRUE', 'root\\cimv2\\Security\\MicrosoftTpm')), 'root\\cimv2\\Security\\MicrosoftTpm:Win32_Tpm.IsEnabled_InitialValue = TRUE'],
  ['and / or nest in parentheses', cond(v('A', 'equals', '1'), op('or', v('B', 'exists'), v('C', 'equals', '2'))), 'A is 1 and (B is set or C is 2)'],
  ['a lone or needs no parentheses', cond(op('or', v('B', 'exists'), v('C', 'equals', '2'))), 'B is set or C is 2'],
  ['not reads none of', cond(op('not', v('Model', 'like', '*VMware*'), v('Model', 'like', '*Virtual*'))), 'none of (Model is like *VMware*, Model is like *Virtual*)'],
  ['file exists', cond({ __CLASS: 'SMS_TaskSequence_FileConditionExpression', Path: 'C:\\Windows\\notepad.exe' }), 'file C:\\Windows\\notepad.exe exists'],
  [
    'file version',
    cond({ __CLASS: 'SMS_TaskSequence_FileConditionExpression', Path: '%windir%\\system32\\ntoskrnl.exe', Version: '10.0.22000.1', VersionOperator: 'greaterEqual' }),
    'file %windir%\\system32\\ntoskrnl.exe exists and its version is at least 10.0.22000.1',
  ],
  ['folder', cond({ __CLASS: 'SMS_TaskSequence_FolderConditionExpression', Path: 'C:\\TS-1000' }), 'folder C:\\TS-1000 exists'],
  [
    'registry comparison',
    cond({ __CLASS: 'SMS_TaskSequence_RegistryConditionExpression', KeyPath: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso', Value: 'Version', Type: 'REG_SZ', Data: '4.2', Operator: 'equals' }),
    'registry value HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Version is 4.2',
  ],
  [
    'registry exists',
    cond({ __CLASS: 'SMS_TaskSequence_RegistryConditionExpression', KeyPath: 'HKLM\\SOFTWARE\\Contoso', Value: 'Installed', Type: 'REG_DWORD', Operator: 'exists' }),
    'registry value HKLM\\SOFTWARE\\Contoso\\Installed exists (REG_DWORD)',
  ],
  [
    'software, this version',
    cond({ __CLASS: 'SMS_TaskSequence_SoftwareConditionExpression', Operator: 'ThisVersion', ProductCode: '{90160000-008C-0000-1000-0000000FF1CE}', ProductName: 'Office', Version: '16.0' }),
    'Office ({90160000-008C-0000-1000-0000000FF1CE}) version 16.0 is installed',
  ],
  [
    'software, any version',
    cond({ __CLASS: 'SMS_TaskSequence_SoftwareConditionExpression', Operator: 'AnyVersion', UpgradeCode: '{ABC}', ProductName: 'Contoso Agent' }),
    'any version of "Contoso Agent" is installed',
  ],
  [
    'OS groups by name',
    cond({
      __CLASS: 'SMS_TaskSequence_OSConditionGroup',
      OperatorType: 'or',
      Operands: [
        { __CLASS: 'SMS_TaskSequence_OSExpressionGroup', OperatorType: 'and', Name: 'All x64 Windows 10 and higher Clients', Operands: [wmi('SELECT * FROM Win32_OperatingSystem')] },
        { __CLASS: 'SMS_TaskSequence_OSExpressionGroup', OperatorType: 'and', Name: 'All x64 Windows 11 and higher Clients', Operands: [] },
      ],
    }),
    'the OS is All x64 Windows 10 and higher Clients or All x64 Windows 11 and higher Clients',
  ],
  [
    'MDT OS version',
    cond({ __CLASS: 'SMS_TaskSequence_OSConditionExpression', Architecture: 'X64', Version: '6.10.7601.1', Operator: 'greaterEqual' }),
    'the OS (X64) version is at least 6.10.7601.1',
  ],
];

for (const [title, condition, expected] of CONDITIONS) {
  test(`conditions in words: ${title}`, () => {
    assert.equal(describeConditionInWords(condition), expected);
  });
}

// ---------------------------------------------------------------------------------------------
// Escaping

const HOSTILE_NAME = `<script>alert("x")</script> & 'q' | *b* _c_ [l](u) \`t\` \\ ~~s~~`;
const HOSTILE = `<sequence version="3.10">
  <group name="${escapeHtml(HOSTILE_NAME)}" description="&lt;b&gt;bold&lt;/b&gt; | pipe">
    <step type="SMS_TaskSequence_RunCommandLineAction" name="&lt;img src=x onerror=alert(1)&gt;" description="line one&#xA;line two" runIn="FullOS" successCodeList="0 3010">
      <condition><expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">equals</variable><variable name="Value">&lt;/td&gt;|</variable><variable name="Variable">X</variable></expression></condition>
      <action>smsswd.exe /run: cmd /c echo a^|b</action>
      <defaultVarList><variable name="CommandLine" property="CommandLine" hidden="true">cmd /c findstr "a\\|b" &amp; echo &lt;done&gt; \`x\`</variable></defaultVarList>
    </step>
  </group>
</sequence>`;

test('HTML escapes every name, description, value and condition', () => {
  const html = documentSequence(read(HOSTILE), { format: 'html', title: 'T <&> "x"' });
  assert.doesNotMatch(html, /<script|<img|<b>|<\/td>\|/);
  assertSelfContained(html, 'hostile');
  assert.ok(html.includes(escapeHtml(HOSTILE_NAME)));
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.includes('<title>T &lt;&amp;&gt; &quot;x&quot;</title>'));
  assert.ok(html.includes('X is &lt;/td&gt;|'));
  // The names are escaped in the diagram too.
  const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
  assert.ok(svg.includes('&lt;script&gt;'));
  assert.doesNotMatch(svg, /<script/);
  for (const tag of ['details', 'table', 'tr', 'td', 'svg']) assertBalanced(html, tag, 'hostile');
});

test('Markdown escapes table cells: pipes, newlines, inline syntax and HTML', () => {
  const md = documentSequence(read(HOSTILE), { format: 'md' });
  assert.ok(md.includes(escapeMarkdown(HOSTILE_NAME)));
  assert.doesNotMatch(md, /<script|<img|<b>/);
  assert.ok(md.includes('line one<br>line two'));
  const rows = md.split('\n').filter((l) => /^\| \d+(\/\d+)* \|/.test(l));
  assert.equal(rows.length, 2);
  for (const row of rows) assert.equal(markdownCells(row).length, 7, row);
  assert.equal(escapeMarkdown('a|b\nc*d_e'), 'a\\|b<br>c\\*d\\_e');
  assert.equal(escapeMarkdown('<x> & y'), '&lt;x&gt; &amp; y');
  assert.equal(markdownCode('C:\\Windows | more'), '`C:\\Windows \\| more`');
  assert.equal(markdownCode('a `b` c'), '``a `b` c``');
  assert.equal(markdownCells(`| ${markdownCode('a\\|b')} |`).length, 1);
});

// ---------------------------------------------------------------------------------------------
// Content of the example

test('the example: title, summary, numbered rows, properties, conditions, packages', () => {
  const doc = read(readFileSync(EXAMPLE, 'utf8'));
  const md = documentSequence(doc, { format: 'md', title: 'Windows 11' });
  assert.match(md, /^# Windows 11$/m);
  assert.match(md, /\*\*Size:\*\* 6 steps in 2 groups/);
  assert.match(md, /\*\*Deploys an operating system:\*\* yes: Apply Operating System Image, Format and Partition Disk/);
  assert.match(md, /\*\*Run environments:\*\* Windows PE and full OS \(4\), Windows PE \(2\)/);
  assert.match(md, /^\| 2\/3 \| &emsp;Install Dell drivers _\(continue on error\)_ \| Run Command Line \| Only on Dell Latitude laptops \| PackageID: `LAB00015`<br>CommandLine: /m);
  assert.ok(md.includes('the model is like "%Latitude%" and (IsLaptop is True or ForceDrivers is set)'));
  assert.match(md, /^\| `LAB00012` \| Image package \| 2\/2 Apply Windows 11 23H2 \|$/m);
  // Inherited step attributes are not properties.
  assert.doesNotMatch(md, /SuccessCodeList:|RunFromNet:|SupportedEnvironment:/);
  // Array properties are shown one element a line.
  assert.ok(md.includes('`1. Type: EFI, FileSystem: FAT32, Size: 499, SizeUnits: MB`'));

  const html = documentSequence(doc, { format: 'html' });
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<h1>Task sequence<\/h1>/);
  assert.match(html, /@media print\{/);
  assert.match(html, /<details open><summary>|<li><span class="leaf">/);
  assert.ok(html.includes('<tr id="step-2-3" class="step">'));
  assert.match(html, /<svg class="flow"[^>]*>[\s\S]*1 {2}Capture and prepare[\s\S]*2 {2}Install Operating System[\s\S]*<\/svg>/);
});

test('a long value is cut with a count; a long script shows its first lines', () => {
  const long = 'x'.repeat(500);
  const script = Array.from({ length: 30 }, (_, i) => `Write-Host ${i}`).join('\r\n');
  const b64 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(script, 'utf16le')]).toString('base64');
  const doc = read(`<sequence version="3.10">
    <step type="SMS_TaskSequence_RunCommandLineAction" name="Long" description="" runIn="FullOS" successCodeList="0 3010"><action>x</action><defaultVarList><variable name="CommandLine" property="CommandLine" hidden="true">${long}</variable></defaultVarList></step>
    <step type="SMS_TaskSequence_RunPowerShellScriptAction" name="Script" description="" runIn="FullOS" successCodeList="0 3010"><action>OSDRunPowerShellScript.exe</action><defaultVarList><variable name="OSDRunPowerShellScriptSourceScript" property="SourceScript">${b64}</variable><variable name="OSDRunPowerShellScriptParameters" property="Parameters"></variable></defaultVarList></step>
  </sequence>`);
  const md = documentSequence(doc, { format: 'md' });
  assert.ok(!md.includes(long));
  assert.match(md, /x… \(360 more characters\)/);
  assert.ok(md.includes('`Write-Host 0`<br>`Write-Host 1`'));
  assert.ok(md.includes('(20 more lines)'));
  const html = documentSequence(doc, { format: 'html' });
  assert.match(html, /<pre>Write-Host 0\nWrite-Host 1\n/);
});

test('a sequence without steps or groups still documents', () => {
  const doc = read('<sequence version="3.10"></sequence>');
  assert.match(documentSequence(doc, { format: 'md' }), /The task sequence has no steps\./);
  const html = documentSequence(doc, { format: 'html' });
  assert.match(html, /The task sequence has no steps\./);
  assert.doesNotMatch(html, /<svg/);
});

// ---------------------------------------------------------------------------------------------
// CLI

test('tseq doc prints Markdown by default and HTML with --format html', async () => {
  const md = await tseq('doc', EXAMPLE);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /^# windows-11-deployment\.xml$/m);
  const html = await tseq('doc', EXAMPLE, '--format', 'html', '--title', 'Lab');
  assert.equal(html.code, 0, html.stderr);
  assert.match(html.stdout, /^<!DOCTYPE html>/);
  assert.match(html.stdout, /<h1>Lab<\/h1>/);
});

test('tseq doc -o writes the file (HTML for a .html name) and prints nothing', async () => {
  const out = join(tmp, 'doc.html');
  const r = await tseq('doc', EXAMPLE, '-o', out);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(readFileSync(out, 'utf8'), /^<!DOCTYPE html>/);
  const mdOut = join(tmp, 'doc.md');
  assert.equal((await tseq('doc', EXAMPLE, '--format', 'md', '-o', mdOut)).code, 0);
  assert.match(readFileSync(mdOut, 'utf8'), /^# windows-11-deployment\.xml/);
});

test('tseq doc exits 2 on bad input: an unknown format, a missing file, malformed XML', async () => {
  const bad = await tseq('doc', EXAMPLE, '--format', 'pdf');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--format must be md or html/);
  const missing = await tseq('doc', join(tmp, 'nope.xml'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file/);
  const broken = join(tmp, 'broken.xml');
  writeFileSync(broken, '<sequence><group name="x"></sequence>');
  const out = join(tmp, 'never.html');
  const r = await tseq('doc', broken, '-o', out);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.ok(!existsSync(out));
});
