import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MASK, maskCommandLine, maskSecrets } from './mask-secrets.js';

test('maskSecrets replaces every occurrence, longest secret first', () => {
  assert.equal(MASK, '********');
  assert.equal(maskSecrets('pw=abc; again abc', ['abc']), 'pw=********; again ********');
  // "abc" inside "abcdef": the longer one is masked whole, whatever the order given.
  assert.equal(maskSecrets('x abcdef y abc', ['abc', 'abcdef']), 'x ******** y ********');
  assert.equal(maskSecrets('x abcdef y abc', ['abcdef', 'abc']), 'x ******** y ********');
  // Regex metacharacters are literal; a one-character secret counts.
  assert.equal(maskSecrets('a.b a+b (x) $1', ['a.b', '(x)', '$1']), '******** a+b ******** ********');
  assert.equal(maskSecrets('k', ['k']), '********');
  // Empty secrets are ignored; no secrets changes nothing.
  assert.equal(maskSecrets('nothing here', ['', '']), 'nothing here');
  assert.equal(maskSecrets('nothing here', []), 'nothing here');
  // Case-sensitive, as passwords are; a masked text is not re-masked by a secret like "*".
  assert.equal(maskSecrets('Secret secret', ['secret', '*']), 'Secret ********');
  // Multi-line text.
  assert.equal(maskSecrets('a\r\nP@ss\nb', ['P@ss']), 'a\r\n********\nb');
});

const masked = (cmd: string, expected: string): void => assert.equal(maskCommandLine(cmd), expected, cmd);
const untouched = (cmd: string): void => assert.equal(maskCommandLine(cmd), cmd, cmd);

test('net use: the positional password after /user:NAME (and after the share)', () => {
  masked('net use Z: \\\\srv\\share /user:CORP\\svc P@ssw0rd', 'net use Z: \\\\srv\\share /user:CORP\\svc ********');
  masked('NET USE \\\\srv\\ipc$ /USER:svc "pass word" /persistent:no', 'NET USE \\\\srv\\ipc$ /USER:svc "********" /persistent:no');
  masked('cmd.exe /c net.exe use Z: \\\\srv\\share /u:svc Secr3t & dir Z:', 'cmd.exe /c net.exe use Z: \\\\srv\\share /u:svc ******** & dir Z:');
  masked('cmd /c "net use Z: \\\\srv\\share /user:svc Secr3t"', 'cmd /c "net use Z: \\\\srv\\share /user:svc ********"');
  masked('net use Z: \\\\srv\\share Secr3t /user:CORP\\svc', 'net use Z: \\\\srv\\share ******** /user:CORP\\svc');
  masked('net use \\\\srv\\share Secr3t', 'net use \\\\srv\\share ********');
  // A quoted user name is one argument; the password follows it.
  masked('net use Z: \\\\srv\\s /user:"CORP\\svc name" Secr3t', 'net use Z: \\\\srv\\s /user:"CORP\\svc name" ********');
  masked('net use Z: \\\\srv\\s /user:svc "a b"c', 'net use Z: \\\\srv\\s /user:svc ********');
});

test('net use: references, prompts and switches are not passwords', () => {
  untouched('net use Z: \\\\srv\\share /user:CORP\\svc %NETPASSWORD%');
  untouched('net use Z: \\\\srv\\share /user:%DOMAIN%\\%USER% %PW%');
  untouched('net use Z: \\\\srv\\share /user:CORP\\svc *');
  untouched('net use Z: \\\\srv\\share /user:CORP\\svc /persistent:no');
  untouched('net use Z: \\\\srv\\share /persistent:no');
  untouched('net use Z: /delete /y');
  untouched('net use * \\\\srv\\share');
  untouched('cmd /c "net use Z: \\\\srv\\share" & echo done');
  untouched('net user admin /active:yes');
});

test('/p:X and /password:X switches', () => {
  masked('tool.exe /u:svc /p:Secr3t /s', 'tool.exe /u:svc /p:******** /s');
  masked('tool.exe /password:"two words" /q', 'tool.exe /password:"********" /q');
  masked('netdom join %COMPUTERNAME% /domain:corp /userd:svc /PasswordD:Secr3t', 'netdom join %COMPUTERNAME% /domain:corp /userd:svc /PasswordD:********');
  masked('cmdkey /add:srv /user:svc /pass:Secr3t', 'cmdkey /add:srv /user:svc /pass:********');
  masked('cmd /c "tool.exe /p:Secr3t"', 'cmd /c "tool.exe /p:********"');
});

test('/p: and /password: negatives: references, prompts, BitLocker method switches, paths', () => {
  untouched('tool.exe /p:%ADMINPW%');
  untouched('netdom join %COMPUTERNAME% /domain:corp /userd:svc /PasswordD:*');
  untouched('OSDBitLocker.exe /enable /pwd:AD /wait:False');
  untouched('manage-bde -protectors -add C: -RecoveryPassword');
  untouched('copy C:/p:/x.txt D:\\');
  untouched('tool.exe /path:C:\\Windows /print:yes');
});

test('-Password X in PowerShell and elsewhere', () => {
  masked('powershell.exe -File join.ps1 -Password Secr3t -Domain corp', 'powershell.exe -File join.ps1 -Password ******** -Domain corp');
  masked("powershell.exe -File join.ps1 -Password 'Secr3t'", "powershell.exe -File join.ps1 -Password '********'");
  masked('setup.exe -password:"Secr3t" -q', 'setup.exe -password:"********" -q');
  masked('Add-Thing -AdminPassword P@ss -Name x', 'Add-Thing -AdminPassword ******** -Name x');
  masked('powershell -Command "Join-It -Password Secr3t"', 'powershell -Command "Join-It -Password ********"');
  masked('tool --password Secr3t --verbose', 'tool --password ******** --verbose');
});

test('-Password negatives: variables, expressions, other parameters, %VAR%', () => {
  untouched('powershell.exe -File join.ps1 -Password $pw');
  untouched('powershell.exe -File join.ps1 -Password %JOINPASSWORD%');
  untouched('New-LocalUser -Name x -Password (Read-Host -AsSecureString)');
  untouched('Set-LocalUser -Name x -PasswordNeverExpires $true');
  untouched('New-ADUser -Name x -ChangePasswordAtLogon $true');
  untouched('Reset-Thing -Password -Force');
  untouched('manage-bde -protectors -add C: -RecoveryPassword');
});

test('password= / pwd= in connection strings and properties', () => {
  masked('sqlcmd.exe -v conn="Server=db;Database=cm;User Id=sa;Password=Secr3t;" -i x.sql', 'sqlcmd.exe -v conn="Server=db;Database=cm;User Id=sa;Password=********;" -i x.sql');
  masked('"Data Source=db;UID=sa;PWD=two words;Encrypt=true"', '"Data Source=db;UID=sa;PWD=********;Encrypt=true"');
  masked("Server=db;Password='a;b';Trusted=no", "Server=db;Password='********';Trusted=no");
  masked('tool.exe password=Secr3t', 'tool.exe password=********');
  masked('msiexec /i agent.msi SERVICEPASSWORD="Secr3t" /qn', 'msiexec /i agent.msi SERVICEPASSWORD="********" /qn');
  masked("$password = 'Secr3t'", "$password = '********'");
});

test('password= negatives', () => {
  untouched('Server=db;Password=%SQLPW%;');
  untouched('Server=db;Password=;Trusted_Connection=yes');
  untouched('OSDBitLocker.exe /enable /pwd:AD');
  untouched('$password = Read-Host -AsSecureString');
  untouched('if ($a -eq $b) { $x = 1 }');
  untouched('tool.exe passwordlength=8');
});

test('-AsPlainText literals', () => {
  masked(
    `powershell.exe -Command "$s = ConvertTo-SecureString 'Secr3t' -AsPlainText -Force; Add-Computer -Credential $c"`,
    `powershell.exe -Command "$s = ConvertTo-SecureString '********' -AsPlainText -Force; Add-Computer -Credential $c"`,
  );
  masked(
    'ConvertTo-SecureString -String "Secr3t" -AsPlainText -Force',
    'ConvertTo-SecureString -String "********" -AsPlainText -Force',
  );
  masked('ConvertTo-SecureString -AsPlainText -Force -String Secr3t', 'ConvertTo-SecureString -AsPlainText -Force -String ********');
  masked('ConvertTo-SecureString -AsPlainText -Force Secr3t', 'ConvertTo-SecureString -AsPlainText -Force ********');
  masked(`'Secr3t' | ConvertTo-SecureString -AsPlainText -Force`, `'********' | ConvertTo-SecureString -AsPlainText -Force`);
  masked(
    'powershell -Command "ConvertTo-SecureString \\"Secr3t\\" -AsPlainText -Force"',
    'powershell -Command "ConvertTo-SecureString \\"********\\" -AsPlainText -Force"',
  );
  masked(
    'powershell -Command "ConvertTo-SecureString ""Secr3t"" -AsPlainText -Force"',
    'powershell -Command "ConvertTo-SecureString ""********"" -AsPlainText -Force"',
  );
  masked(
    'New-LocalUser -Name x -Password (ConvertTo-SecureString "P@ss" -AsPlainText -Force)',
    'New-LocalUser -Name x -Password (ConvertTo-SecureString "********" -AsPlainText -Force)',
  );
});

test('-AsPlainText negatives: variables, %VAR%, no -AsPlainText', () => {
  untouched('ConvertTo-SecureString $plain -AsPlainText -Force');
  untouched('ConvertTo-SecureString "$plain" -AsPlainText -Force');
  untouched('ConvertTo-SecureString %OSDJOINPASSWORD% -AsPlainText -Force');
  untouched('$env:PW | ConvertTo-SecureString -AsPlainText -Force');
  untouched('ConvertTo-SecureString $encrypted -Key $key');
  untouched("ConvertTo-SecureString 'encrypted-blob'");
  untouched('Get-Secret -Name x -AsPlainText');
});

test('several forms in one command line; nothing to mask leaves it unchanged', () => {
  masked(
    'net use Z: \\\\srv\\s /user:a Pw1 && tool /p:Pw2 && x.exe -Password Pw3 "Server=s;Pwd=Pw4"',
    'net use Z: \\\\srv\\s /user:a ******** && tool /p:******** && x.exe -Password ******** "Server=s;Pwd=********"',
  );
  untouched('');
  untouched('cmd.exe /c copy /y "%_SMSTSMDataPath%\\Logs\\smsts.log" \\\\srv\\logs');
  untouched(maskCommandLine('tool /p:x'));
});

test('property: masking never throws, never grows a clean text, and removes the secrets it was given', () => {
  fc.assert(
    fc.property(fc.string(), fc.array(fc.string(), { maxLength: 4 }), (text, secrets) => {
      maskCommandLine(text);
      const out = maskSecrets(text, secrets);
      for (const s of secrets) {
        if (s.length > 0 && !s.includes('*')) assert.ok(!out.includes(s), `${JSON.stringify(s)} in ${JSON.stringify(out)}`);
      }
      if (secrets.every((s) => s === '' || !text.includes(s))) assert.equal(out, text);
    }),
    { numRuns: 500 },
  );
});
