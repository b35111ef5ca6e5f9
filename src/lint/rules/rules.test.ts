import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../../../test/corpus.js';
import { LINT_RULES } from './index.js';
import {
  cmd,
  condition,
  dynamicVars,
  findingsOf,
  group,
  op,
  osExpr,
  powershell,
  reboot,
  rule,
  sequence,
  setupWindows,
  setVar,
  typed,
  v,
  wmi,
} from '../fixtures.js';

/**
 * Each rule with positive cases (it finds something) and negative ones (it must stay quiet): the
 * negative cases are the false positives the rule is written to avoid.
 */
interface Case {
  readonly name: string;
  readonly xml: string;
  /** How many findings of the rule; a RegExp: at least one, and the first matches it. */
  readonly expect: number | RegExp;
  readonly options?: Parameters<typeof findingsOf>[2];
}

const PE_STEP = 'SMS_TaskSequence_PartitionDiskAction';
const OS_STEP = 'SMS_TaskSequence_InstallSoftwareAction';

const CASES: Record<string, readonly Case[]> = {
  'condition-never-true': [
    { name: 'X equals 1 and X equals 2', xml: sequence(cmd('A', 'x.exe', { cond: condition(v('X', 'equals', '1'), v('X', 'equals', '2')) })), expect: /X = 1 and X = 2 cannot both be true/ },
    { name: 'X exists and X notExists', xml: sequence(cmd('A', 'x.exe', { cond: condition(v('X', 'exists'), v('X', 'notExists')) })), expect: 1 },
    { name: 'X greater 5 and X less 3 (numbers and text agree)', xml: sequence(cmd('A', 'x.exe', { cond: condition(v('X', 'greater', '5'), v('X', 'less', '3')) })), expect: /cannot both be true/ },
    { name: 'inside a nested and', xml: sequence(cmd('A', 'x.exe', { cond: condition(op('and', v('X', 'equals', 'a'), v('x', 'notEquals', 'A'))) })), expect: 1 },
    { name: 'a not of something always true', xml: sequence(cmd('A', 'x.exe', { cond: condition(op('not', op('or', v('X', 'exists'), v('X', 'notExists')))) })), expect: /always true/ },
    { name: 'an or with no operands, the expressions beside it', xml: sequence(cmd('A', 'x.exe', { cond: condition(op('or'), wmi("SELECT * FROM Win32_ComputerSystem WHERE Manufacturer LIKE '%HP%'")) })), expect: /no conditions in it/ },
    { name: 'a dead branch of an or', xml: sequence(cmd('A', 'x.exe', { cond: condition(op('or', v('Y', 'exists'), op('and', v('X', 'equals', '1'), v('X', 'notExists')))) })), expect: /part of the condition/ },
    { name: 'equals and like that cannot match', xml: sequence(cmd('A', 'x.exe', { cond: condition(v('Model', 'equals', 'Latitude 7440'), v('Model', 'like', '*OptiPlex*')) })), expect: 1 },
    { name: 'two MDT OS conditions of different architectures', xml: sequence(cmd('A', 'x.exe', { cond: condition(osExpr('X86', '6.10.7601.1'), osExpr('X64', '6.10.7601.1')) })), expect: /one architecture/ },
    { name: 'not(X exists) and X equals 1', xml: sequence(cmd('A', 'x.exe', { cond: condition(op('not', v('X', 'exists')), v('X', 'equals', '1')) })), expect: 1 },
    // Negative: each can be true for some value.
    { name: 'X equals 1 or X equals 2', xml: sequence(cmd('A', 'x.exe', { cond: condition(op('or', v('X', 'equals', '1'), v('X', 'equals', '2'))) })), expect: 0 },
    { name: 'different variables', xml: sequence(cmd('A', 'x.exe', { cond: condition(v('X', 'equals', '1'), v('Y', 'equals', '2')) })), expect: 0 },
    { name: 'equals is case-insensitive', xml: sequence(cmd('A', 'x.exe', { cond: condition(v('X', 'equals', 'TRUE'), v('X', 'equals', 'true')) })), expect: 0 },
    { name: 'X greater 10 and X less 9: a text value such as "2a" satisfies both', xml: sequence(cmd('A', 'x.exe', { cond: condition(v('X', 'greater', '10'), v('X', 'less', '9')) })), expect: 0 },
    { name: 'X greater 3 and X less 5', xml: sequence(cmd('A', 'x.exe', { cond: condition(v('X', 'greater', '3'), v('X', 'less', '5')) })), expect: 0 },
    { name: 'notEquals holds on a missing variable', xml: sequence(cmd('A', 'x.exe', { cond: condition(v('X', 'notExists'), v('X', 'notEquals', '1')) })), expect: 0 },
    { name: 'a value with a %VARIABLE%', xml: sequence(cmd('A', 'x.exe', { cond: condition(v('X', 'equals', '%A%'), v('X', 'equals', '%B%')) })), expect: 0 },
    { name: 'a not with several operands is none-of', xml: sequence(cmd('A', 'x.exe', { cond: condition(op('not', v('Model', 'like', '*VMware*'), v('Model', 'like', '*Virtual*'))) })), expect: 0 },
    { name: 'an empty and is true', xml: sequence(cmd('A', 'x.exe', { cond: condition(op('and'), v('X', 'exists')) })), expect: 0 },
    { name: 'WMI conditions are not judged', xml: sequence(cmd('A', 'x.exe', { cond: condition(wmi("SELECT * FROM Win32_Battery"), op('not', wmi("SELECT * FROM Win32_Battery"))) })), expect: 0 },
    { name: 'the emptyOr option turned off', xml: sequence(cmd('A', 'x.exe', { cond: condition(op('or'), v('X', 'exists')) })), expect: 0, options: { rules: { 'condition-never-true': ['warning', { emptyOr: false }] } } },
  ],
  'unreachable-environment': [
    { name: 'a WinPE step after Setup Windows and ConfigMgr', xml: sequence(setupWindows(), typed('Partition', PE_STEP, { runIn: 'WinPE' })), expect: /runs only in Windows PE, but only the full OS is possible here: Setup Windows and ConfigMgr/ },
    { name: 'a full OS step after a restart into WinPE', xml: sequence(reboot('To PE', 'WinPE'), typed('Install', OS_STEP, { runIn: 'FullOS' })), expect: /only Windows PE is possible here/ },
    { name: 'an _SMSTSInWinPE group narrows its steps', xml: sequence(group('PE only', { cond: condition(v('_SMSTSInWinPE', 'equals', 'true')), steps: [typed('Install', OS_STEP, { runIn: 'FullOS' })] })), expect: 1 },
    { name: 'a step whose own condition contradicts its runIn', xml: sequence(typed('Partition', PE_STEP, { runIn: 'WinPE', cond: condition(v('_SMSTSInWinPE', 'equals', 'false')) })), expect: 1 },
    { name: 'a group needing WinPE after Setup Windows', xml: sequence(setupWindows(), group('WinPE work', { cond: condition(v('_SMSTSInWinPE', 'equals', 'TRUE')), steps: [cmd('A', 'x.exe')] })), expect: /can never hold here/ },
    { name: 'the start option', xml: sequence(typed('Install', OS_STEP, { runIn: 'FullOS' })), expect: 1, options: { rules: { 'unreachable-environment': ['warning', { start: 'WinPE' }] } } },
    // Negative.
    { name: 'unknown start: both possible', xml: sequence(typed('Install', OS_STEP, { runIn: 'FullOS' }), typed('Partition', PE_STEP, { runIn: 'WinPE' })), expect: 0 },
    { name: 'a restart back into WinPE', xml: sequence(setupWindows(), reboot('Back to PE', 'WinPE'), typed('Partition', PE_STEP, { runIn: 'WinPE' })), expect: 0 },
    { name: 'a conditional Setup Windows leaves both', xml: sequence(setupWindows('Setup', { cond: condition(v('X', 'exists')) }), typed('Partition', PE_STEP, { runIn: 'WinPE' })), expect: 0 },
    { name: 'a restart whose target is left to the action line (MDT)', xml: sequence(setupWindows(), reboot('Restart', ''), typed('Partition', PE_STEP, { runIn: 'WinPE' })), expect: 0 },
    { name: 'a continue-on-error group may stop before its transition', xml: sequence(group('G', { continueOnError: true, steps: [cmd('Might fail', 'x.exe'), setupWindows()] }), typed('Partition', PE_STEP, { runIn: 'WinPE' })), expect: 0 },
    { name: 'the error handler idiom', xml: sequence(group('Main', { continueOnError: true, steps: [setupWindows(), cmd('Work', 'x.exe')] }), group('Handler', { cond: condition(v('_SMSTSLastActionSucceeded', 'equals', 'false')), steps: [cmd('Logs PE', 'copy', { cond: condition(v('_SMSTSInWinPE', 'equals', 'true')) }), cmd('Logs OS', 'copy', { cond: condition(v('_SMSTSInWinPE', 'equals', 'false')) })] })), expect: 0 },
    { name: 'a disabled Setup Windows does nothing', xml: sequence(setupWindows('Setup', { disabled: true }), typed('Partition', PE_STEP, { runIn: 'WinPE' })), expect: 0 },
    { name: 'a script that requests a restart', xml: sequence(setupWindows(), cmd('Reboot to PE', 'tsenv2.exe set SMSTSRebootRequested=WinPE'), typed('Partition', PE_STEP, { runIn: 'WinPE' })), expect: 0 },
    { name: 'Prepare Windows for Capture then Capture', xml: sequence(setupWindows(), typed('Prepare', 'SMS_TaskSequence_PrepareOSAction', { runIn: 'FullOS' }), typed('Capture', 'SMS_TaskSequence_CaptureSystemImageAction', { runIn: 'WinPE' })), expect: 0 },
    { name: 'a child task sequence may restart anywhere', xml: sequence(setupWindows(), '<subtasksequence type="SMS_TaskSequence_SubTasksequence" name="Child" description=""><action>SubTasksequence.exe</action></subtasksequence>', typed('Partition', PE_STEP, { runIn: 'WinPE' })), expect: 0 },
  ],
  'undefined-variable': [
    { name: 'a condition reads a variable nothing sets', xml: sequence(cmd('A', 'x.exe', { cond: condition(v('IsLaptop', 'equals', 'True')) })), expect: /reads IsLaptop, which no step of this sequence visibly sets/ },
    { name: 'a %NAME% nothing sets', xml: sequence(cmd('A', 'x.exe /target:%TargetFolder%')), expect: /%TargetFolder%/ },
    { name: 'a misspelling of a variable the sequence sets is a warning', xml: sequence(setVar('Set', 'DeploymentType', 'NEWCOMPUTER'), cmd('A', 'x.exe', { cond: condition(v('DeploymentTpye', 'equals', 'NEWCOMPUTER')) })), expect: /misspelling of DeploymentType/ },
    { name: 'a condition expression\'s own fields are not variable names to misspell', xml: sequence(cmd('A', 'x.exe', { cond: condition(v('Model', 'like', '*Latitude*')) })), expect: /reads Model, which no step of this sequence visibly sets/ },
    { name: 'a misspelling of a built-in', xml: sequence(cmd('A', 'x.exe', { cond: condition(v('_SMSTSLastActionSuceeded', 'equals', 'false')) })), expect: /_SMSTSLastActionSucceeded/ },
    // Negative.
    { name: 'set by Set Task Sequence Variable (any case)', xml: sequence(setVar('Set', 'IsLaptop', 'True'), cmd('A', 'x.exe', { cond: condition(v('islaptop', 'equals', 'True')) })), expect: 0 },
    { name: 'set by a Set Dynamic Variables rule', xml: sequence(dynamicVars('Rules', `<Rules>${rule({ IsVM: 'True' })}</Rules>`), cmd('A', 'x.exe', { cond: condition(v('IsVM', 'equals', 'True')) })), expect: 0 },
    { name: 'an output variable', xml: sequence(`<step type="SMS_TaskSequence_RunCommandLineAction" name="Out" description="" runIn="WinPEandFullOS" successCodeList="0 3010"><action>smsswd.exe /run: hostname</action><defaultVarList><variable name="CommandLine" property="CommandLine" hidden="true">hostname</variable><variable name="SMSTSRunCommandLineOutputVariableName" property="OutputVariableName">HostOut</variable></defaultVarList></step>`, cmd('A', 'echo %HostOut%')), expect: 0 },
    { name: 'built-ins and step variables', xml: sequence(cmd('A', 'x.exe %_SMSTSMDataPath% %OSDTargetSystemDrive% %OSDComputerName%', { cond: condition(v('_SMSTSInWinPE', 'equals', 'false'), v('OSDAdapter0EnableDHCP', 'equals', 'true')) })), expect: 0 },
    { name: 'Windows environment variables in a command line', xml: sequence(cmd('A', 'cmd /c copy %windir%\\x.log %TEMP%')), expect: 0 },
    { name: 'an MDT sequence (Gather sets hundreds)', xml: sequence(typed('Gather', 'BDD_Gather'), cmd('A', 'x.exe', { cond: condition(v('IsLaptop', 'equals', 'True')) })), expect: 0 },
    { name: 'a variable an inline script sets', xml: sequence(powershell('Detect', { script: '$ts = New-Object -ComObject Microsoft.SMS.TSEnvironment\n$ts.Value("IsVM") = "True"' }), cmd('A', 'x.exe', { cond: condition(v('IsVM', 'equals', 'True')) })), expect: 0 },
    { name: 'Download Package Content output variables through the OSDDownloadContent idiom', xml: sequence(setVar('Dest', 'OSDDownloadDestinationVariable', 'DRIVERS'), cmd('Download', 'OSDDownloadContent.exe'), cmd('Apply', 'dism /image:c:\\ /add-driver /driver:%DRIVERS01%')), expect: 0 },
    { name: 'names listed as known in the config', xml: sequence(cmd('A', 'x.exe', { cond: condition(v('SiteRole', 'equals', 'Kiosk')) })), expect: 0, options: { rules: { 'undefined-variable': ['info', { known: ['SiteRole'] }] } } },
    { name: 'a disabled step reads nothing', xml: sequence(cmd('A', 'x.exe', { disabled: true, cond: condition(v('IsLaptop', 'equals', 'True')) })), expect: 0 },
    { name: 'numbered names are not misspellings of each other', xml: sequence(setVar('S', 'Packages001', 'ABC00001:Install'), cmd('A', 'x.exe', { cond: condition(v('Packages002', 'exists')) })), expect: /no step of this sequence visibly sets/ },
  ],
  'cleartext-password': [
    { name: 'net use with a positional password', xml: sequence(cmd('Map', 'net use Z: \\\\srv\\share /user:CONTOSO\\svc_deploy S3cret!')), expect: /net use … \/user:CONTOSO\\svc_deploy \*{8}/ },
    { name: 'net use with the password before /user', xml: sequence(cmd('Map', 'net use \\\\srv\\share S3cret! /user:svc')), expect: 1 },
    { name: '/p: and /password:', xml: sequence(cmd('A', 'tool.exe /u:admin /p:Pa55word'), cmd('B', 'tool.exe /password:"Pa 55"')), expect: 2 },
    { name: '-Password in PowerShell parameters', xml: sequence(powershell('BIOS', { parameters: '-Password "P@ssw0rd" -Path "%BIOSPackage01%"', scriptName: 'Update.ps1', packageId: 'ABC00001' })), expect: /-Password \*{8}/ },
    { name: 'a connection string', xml: sequence(cmd('SQL', 'sqlcmd.exe -Q "x" -S "Server=db;Database=cm;User Id=sa;Password=hunter2;"')), expect: /Password=\*{8}/ },
    { name: 'ConvertTo-SecureString of a literal in an inline script', xml: sequence(powershell('Cred', { script: '$pw = ConvertTo-SecureString "hunter2" -AsPlainText -Force' })), expect: /AsPlainText/ },
    { name: 'a password variable set to a literal', xml: sequence(setVar('Set', 'OSDJoinPassword', 'hunter2')), expect: /OSDJoinPassword=\*{8}/ },
    { name: 'a rule that sets a password', xml: sequence(dynamicVars('Rules', `<Rules>${rule({ AdminPassword: 'hunter2' })}</Rules>`)), expect: 1 },
    // Negative.
    { name: 'BitLocker /pwd:AD', xml: sequence(typed('BitLocker', 'SMS_TaskSequence_EnableBitLockerAction', { runIn: 'FullOS' })), expect: 0 },
    { name: 'BitLocker action line with /pwd:AD', xml: sequence(cmd('A', 'OSDBitLocker.exe /enable /wait:False /mode:TPM /pwd:AD')), expect: 0 },
    { name: 'a %VARIABLE% password', xml: sequence(cmd('Map', 'net use Z: \\\\srv\\share /user:%User% %Password%'), cmd('B', 'x.exe /p:%Pw%'), powershell('C', { parameters: '-Password %BIOSPassword%', scriptName: 'x.ps1', packageId: 'A' })), expect: 0 },
    { name: 'a PowerShell variable', xml: sequence(powershell('Cred', { script: '$s = ConvertTo-SecureString $env:PW -AsPlainText -Force\nNew-LocalUser -Name x -Password $s\nConnect-X -Password "$pw"' })), expect: 0 },
    { name: 'net use prompting for the password', xml: sequence(cmd('Map', 'net use Z: \\\\srv\\share * /user:svc && dir Z:')), expect: 0 },
    { name: 'net use without a password', xml: sequence(cmd('Map', 'net use Z: \\\\srv\\share /user:svc /persistent:no')), expect: 0 },
    { name: 'a switch that names the password option', xml: sequence(powershell('P', { parameters: '-NoPassword -Force', scriptName: 'x.ps1', packageId: 'A' })), expect: 0 },
    { name: 'a password switch at the end of a script line', xml: sequence(powershell('P', { script: 'New-LocalUser -Name kiosk -NoPassword\nWrite-Host done' })), expect: 0 },
    { name: 'pwd= holding a variable', xml: sequence(cmd('A', 'cmd /c set pwd=%CD% && echo %pwd%')), expect: 0 },
    { name: 'a flag variable named like a password', xml: sequence(setVar('Random', 'OSDRandomAdminPassword', 'true'), setVar('Recovery', 'OSDBitLockerCreateRecoveryPassword', 'AD')), expect: 0 },
    { name: 'a template placeholder', xml: sequence(cmd('A', 'tool.exe /password:<password>')), expect: 0 },
  ],
  'like-without-wildcard': [
    { name: 'a variable like with no * or ?', xml: sequence(cmd('A', 'x', { cond: condition(v('Model', 'like', 'Latitude')) })), expect: /has no wildcard/ },
    { name: 'SQL wildcards in a variable like are a warning', xml: sequence(cmd('A', 'x', { cond: condition(v('Model', 'like', '%Latitude%')) })), expect: /\* and \?, not % and _/ },
    { name: 'a WQL LIKE with no wildcard', xml: sequence(cmd('A', 'x', { cond: condition(wmi("SELECT * FROM Win32_ComputerSystem WHERE Model LIKE 'Virtual Machine'")) })), expect: /Model LIKE 'Virtual Machine'/ },
    { name: 'notLike too', xml: sequence(cmd('A', 'x', { cond: condition(v('Model', 'notLike', 'Surface')) })), expect: 1 },
    // Negative.
    { name: 'a variable like with *', xml: sequence(cmd('A', 'x', { cond: condition(v('Model', 'like', '*Latitude*')) })), expect: 0 },
    { name: 'a variable like with ?', xml: sequence(cmd('A', 'x', { cond: condition(v('Model', 'like', 'E?450')) })), expect: 0 },
    { name: 'WQL wildcards %, _ and [', xml: sequence(cmd('A', 'x', { cond: condition(wmi("SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%Latitude%' OR Model LIKE 'E_450' OR Model LIKE '[A-C]X'")) })), expect: 0 },
    { name: 'equals is not like', xml: sequence(cmd('A', 'x', { cond: condition(v('Model', 'equals', 'Latitude')) })), expect: 0 },
  ],
  'empty-group': [
    { name: 'a group with no steps', xml: sequence(group('Custom Tasks')), expect: /has no steps/ },
    { name: 'a nested empty group', xml: sequence(group('Outer', { steps: [group('Inner')] })), expect: 1 },
    // Negative.
    { name: 'a group with a step', xml: sequence(group('G', { steps: [cmd('A', 'x')] })), expect: 0 },
    { name: 'a name the config allows', xml: sequence(group('Custom Tasks (Pre-Windows Update)')), expect: 0, options: { rules: { 'empty-group': ['info', { allow: ['custom tasks*'] }] } } },
  ],
  'unreachable-after-failure': [
    { name: 'steps after cmd /c exit 1', xml: sequence(group('G', { steps: [cmd('Fail', 'cmd /c exit 1'), cmd('After', 'x.exe'), cmd('After 2', 'y.exe')] })), expect: /"After" \(1\/2\) and the 1 enabled step after it never run: "Fail" \(1\/1\) always fails \(exit 1\)/ },
    { name: 'the failure stops the enclosing group too', xml: sequence(group('G', { steps: [cmd('Fail', 'cmd.exe /c "exit /b 5"')] }), cmd('Top', 'x.exe')), expect: /the group "G" \(1\) always fails/ },
    { name: 'powershell exit', xml: sequence(cmd('Fail', 'powershell.exe -NoProfile -Command "exit 2"'), cmd('After', 'x.exe')), expect: 1 },
    // Negative.
    { name: 'continue on error', xml: sequence(cmd('Fail', 'cmd /c exit 1', { continueOnError: true }), cmd('After', 'x.exe')), expect: 0 },
    { name: 'a conditional failure (the error handler idiom)', xml: sequence(cmd('Fail', 'cmd /c exit 1', { cond: condition(v('_SMSTSLastActionSucceeded', 'equals', 'false')) }), cmd('After', 'x.exe')), expect: 0 },
    { name: 'an exit code among the success codes', xml: sequence(cmd('Fine', 'cmd /c exit 3010'), cmd('After', 'x.exe')), expect: 0 },
    { name: 'the failing group continues on error', xml: sequence(group('G', { continueOnError: true, steps: [cmd('Fail', 'cmd /c exit 1')] }), cmd('Top', 'x.exe')), expect: 0 },
    { name: 'nothing after it', xml: sequence(cmd('A', 'x.exe'), cmd('Fail', 'cmd /c exit 1')), expect: 0 },
    { name: 'a command that does more than exit', xml: sequence(cmd('Maybe', 'cmd /c x.exe & exit 1'), cmd('After', 'x.exe')), expect: 0 },
  ],
  'deprecated-class': [
    { name: 'a deprecated class', xml: sequence(typed('VHD', 'SMS_TaskSequence_VirtualHardDiskAction')), expect: /deprecated/ },
    { name: 'a deprecated variable set by Set Task Sequence Variable', xml: sequence(setVar('Compat', 'OSDDiskpartBiosCompatibilityMode', 'true')), expect: /sets OSDDiskpartBiosCompatibilityMode/ },
    { name: 'a deprecated option turned on', xml: sequence(typed('Drivers', 'SMS_TaskSequence_AutoApplyAction', { runIn: 'WinPE' }, '<variable name="OSDAllowUnsignedDriver" property="UnsignedDriver">true</variable>')), expect: /UnsignedDriver/ },
    { name: 'a deprecated variable in a rule', xml: sequence(dynamicVars('Rules', `<Rules>${rule({ OSDPreserveDriveLetter: 'True' })}</Rules>`)), expect: 1 },
    // Negative.
    { name: 'the option off, as the console writes it', xml: sequence(typed('Drivers', 'SMS_TaskSequence_AutoApplyAction', { runIn: 'WinPE' }, '<variable name="OSDAllowUnsignedDriver" property="UnsignedDriver">false</variable>')), expect: 0 },
    { name: 'a disabled step sets nothing', xml: sequence(setVar('Compat', 'OSDDiskpartBiosCompatibilityMode', 'true', { disabled: true })), expect: 0 },
    { name: 'a current class', xml: sequence(cmd('A', 'x')), expect: 0 },
  ],
  'sequence-size': [
    { name: 'over 2 MB is an error', xml: sequence(cmd('A', 'x')), expect: /over the 2.00 MB a site stores/, options: { sequenceBytes: 2 * 1024 * 1024 + 1 } },
    { name: 'from 80 % a warning', xml: sequence(cmd('A', 'x')), expect: /80 % of the 2.00 MB/, options: { sequenceBytes: Math.ceil(0.8 * 2 * 1024 * 1024) } },
    { name: 'a lower limit in the config', xml: sequence(cmd('A', 'x')), expect: 1, options: { sequenceBytes: 2000, rules: { 'sequence-size': ['warning', { maxBytes: 1000 }] } } },
    // Negative.
    { name: 'a small sequence', xml: sequence(cmd('A', 'x')), expect: 0, options: { sequenceBytes: 40_000 } },
    { name: 'no size given', xml: sequence(cmd('A', 'x')), expect: 0 },
  ],
  'variable-value-too-long': [
    { name: 'a Set Task Sequence Variable value over 4,000 characters', xml: sequence(setVar('Long', 'Blob', 'x'.repeat(4001))), expect: /4001 characters/ },
    { name: 'a rule value over 4,000 characters', xml: sequence(dynamicVars('Rules', `<Rules>${rule({ Blob: 'y'.repeat(5000) })}</Rules>`)), expect: 1 },
    // Negative.
    { name: 'exactly 4,000', xml: sequence(setVar('Long', 'Blob', 'x'.repeat(4000))), expect: 0 },
  ],
  'invalid-variable-name': [
    { name: 'a space in a set name', xml: sequence(setVar('Bad', 'My Var', '1')), expect: /holds a space/ },
    { name: 'a character ConfigMgr refuses, in a rule', xml: sequence(dynamicVars('Rules', `<Rules>${rule({ 'Var.Name': '1' })}</Rules>`)), expect: /"\."/ },
    { name: 'a condition reading a name no variable can have', xml: sequence(cmd('A', 'x', { cond: condition(v('Is Laptop', 'equals', 'True')) })), expect: /no variable can have it/ },
    { name: 'longer than 256', xml: sequence(setVar('Long', 'V'.repeat(257), '1')), expect: /257 characters long/ },
    { name: 'a leading digit with the leadingLetter option', xml: sequence(setVar('Digit', '2PintLicense', '1')), expect: 1, options: { rules: { 'invalid-variable-name': ['error', { leadingLetter: true }] } } },
    // Negative.
    { name: 'letters, digits, _ and -', xml: sequence(setVar('Good', 'My_Var-2', '1')), expect: 0 },
    { name: 'a leading digit (ConfigMgr accepts it in practice)', xml: sequence(setVar('Digit', '2PintTurboLicense', '1')), expect: 0 },
    { name: 'a name built from a variable', xml: sequence(setVar('Dyn', 'App%Index%', '1')), expect: 0 },
    { name: 'surrounding spaces are trimmed', xml: sequence(setVar('Trim', ' MyVar ', '1')), expect: 0 },
  ],
  'set-readonly-variable': [
    { name: 'Set Task Sequence Variable of an _ name', xml: sequence(setVar('Brand', '_SMSTSOrgName', 'Contoso')), expect: /_SMSTSOrgName .*read-only/ },
    { name: 'a rule setting an _ name', xml: sequence(dynamicVars('Rules', `<Rules>${rule({ _SMSTSMyVar: '1' })}</Rules>`)), expect: 1 },
    // Negative.
    { name: 'a writable behaviour variable', xml: sequence(setVar('Org', 'SMSTSErrorDialogTimeout', '0')), expect: 0 },
    { name: 'a step\'s own _ action variable (run as user)', xml: sequence(`<step type="SMS_TaskSequence_RunCommandLineAction" name="A" description="" runIn="WinPEandFullOS" successCodeList="0 3010"><action>smsswd.exe /run: x</action><defaultVarList><variable name="CommandLine" property="CommandLine" hidden="true">x</variable><variable name="_SMSTSRunCommandLineAsUser" property="RunAsUser">false</variable></defaultVarList></step>`), expect: 0 },
  ],
};

for (const [ruleId, cases] of Object.entries(CASES)) {
  for (const c of cases) {
    test(`${ruleId}: ${c.name}`, () => {
      const found = findingsOf(ruleId, c.xml, c.options);
      const show = found.map((f) => `${f.severity} ${f.message}`).join('\n');
      if (typeof c.expect === 'number') assert.equal(found.length, c.expect, show);
      else {
        assert.ok(found.length >= 1, `no finding of ${ruleId}`);
        assert.match(found[0]!.message + (found[0]!.hint ? ` (${found[0]!.hint})` : ''), c.expect, show);
      }
    });
  }
}

test('every rule has a positive and a negative case', () => {
  for (const r of LINT_RULES) {
    const cases = CASES[r.id] ?? [];
    assert.ok(cases.some((c) => c.expect !== 0), `${r.id}: no positive case`);
    assert.ok(cases.some((c) => c.expect === 0), `${r.id}: no negative case`);
  }
});

test('every finding carries its rule, the step, its place and a hint', () => {
  const xml = sequence(setupWindows(), group('Empty'), cmd('Map', 'net use Z: \\\\srv\\s pw1 /user:u'), typed('Partition', PE_STEP, { runIn: 'WinPE' }));
  for (const id of ['empty-group', 'cleartext-password', 'unreachable-environment']) {
    const [f] = findingsOf(id, xml);
    assert.ok(f, id);
    assert.ok(f.path && f.stepName && f.line && f.column && f.hint, JSON.stringify(f));
  }
  const [empty] = findingsOf('empty-group', xml);
  assert.equal(empty!.path, '2');
  assert.equal(empty!.line, 4);
});

test('severities: the rule\'s own choice unless the config sets one', () => {
  const xml = sequence(setVar('Set', 'DeploymentType', 'X'), cmd('A', 'x', { cond: condition(v('DeploymentTpye', 'exists'), v('Plain', 'exists')) }));
  assert.deepEqual(findingsOf('undefined-variable', xml).map((f) => f.severity), ['warning', 'info']);
  assert.deepEqual(findingsOf('undefined-variable', xml, { rules: { 'undefined-variable': 'error' } }).map((f) => f.severity), ['error', 'error']);
  assert.equal(findingsOf('sequence-size', sequence(cmd('A', 'x')), { sequenceBytes: 3 * 1024 * 1024 })[0]!.severity, 'error');
});

test('every rule has its page in docs/rules and a line in docs/rules/README.md', () => {
  const dir = join(projectRoot(), 'docs', 'rules');
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  for (const r of LINT_RULES) {
    const page = join(dir, `${r.id}.md`);
    assert.ok(existsSync(page), `${page} is missing`);
    const text = readFileSync(page, 'utf8');
    assert.match(text, new RegExp(`^# ${r.id}\\n`), `${r.id}.md: title`);
    for (const section of ['## What it finds', '## Why it matters', '## Example', '## Fix', '## Configure']) assert.ok(text.includes(section), `${r.id}.md: ${section}`);
    assert.ok(readme.includes(`[${r.id}](${r.id}.md)`), `README.md does not list ${r.id}`);
    for (const option of Object.keys(r.options ?? {})) assert.ok(text.includes(`\`${option}\``), `${r.id}.md does not document option ${option}`);
  }
});
