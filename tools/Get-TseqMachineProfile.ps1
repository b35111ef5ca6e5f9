#Requires -Version 5.1
<#
.SYNOPSIS
    Writes this Windows machine's tseq machine profile (JSON) to stdout or a file.

.DESCRIPTION
    A machine profile describes one machine as task sequence conditions see it: its WMI
    instances, registry values, files, folders, installed MSI products and the variable
    _SMSTSInWinPE. tseq evaluates task sequence conditions against it ("what would run on
    this machine?"). The JSON follows schemas/machine-profile.schema.json in the tseq project.

    What is collected:
    - WMI: every instance of each class in $DefaultWmiClasses below (the classes real task
      sequence conditions query), of each class named in -IncludeClass and, with
      -TaskSequence, of each class named in the FROM clause of the sequence's WMI conditions.
      Each instance keeps its non-system properties (no __* properties, no embedded objects
      or references). Dates become WMI datetime strings (yyyymmddHHMMSS.ffffff+UUU) as WQL
      compares them, 64-bit integers stay numbers (strings above 2^53), arrays stay arrays.
      A class or namespace this Windows does not have, or one that cannot be read (the TPM and
      BitLocker classes need an elevated prompt), is skipped with a warning. A class that
      exists but has no instances is written as an empty list: conditions on it are false,
      not failing.
    - With -TaskSequence: the registry values named by its registry conditions (with their
      REG_* type and data), and the files (version, last write time, size) and folders (last
      write time) named by its file and folder conditions that exist here. %NAME% in a path is
      expanded from the environment; a path that still holds a %NAME% afterwards names a task
      sequence variable this script cannot know, and is skipped with a warning.
    - Installed MSI products from HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall and
      its WOW6432Node twin: keys named by a product code GUID whose WindowsInstaller value is
      1. The upgrade code comes from HKLM\SOFTWARE\Classes\Installer\UpgradeCodes (packed
      GUIDs) when the product is listed there.
    - inWinPE: true when HKLM\SYSTEM\CurrentControlSet\Control\MiniNT exists; the only
      variable written is _SMSTSInWinPE ("true" / "false", as the task sequence engine sets it).

    The registry is read through the 64-bit view on 64-bit Windows, and files through the
    real System32: run the 64-bit PowerShell there.

    The profile can hold serial numbers, user and host names and network addresses: review it
    before you share it.

.PARAMETER Name
    The profile's name (what it describes). Default: the computer name.

.PARAMETER TaskSequence
    A task sequence XML file whose conditions say what else to collect: a bare <sequence>
    export, a console export's object.xml (an SMS_TaskSequencePackage INSTANCE whose Sequence
    property holds the sequence) or a <SmsTaskSequencePackage> document.

.PARAMETER OutFile
    Write the JSON to this file (UTF-8 without BOM) instead of the output stream.

.PARAMETER IncludeClass
    More WMI classes to collect, each namespace-qualified as 'root\cimv2:Win32_Foo'. A class
    without a namespace is read from root\cimv2.

.EXAMPLE
    .\Get-TseqMachineProfile.ps1 -OutFile "$env:TEMP\$env:COMPUTERNAME.json"

    Writes this machine's profile with the default WMI classes and its MSI products.

.EXAMPLE
    .\Get-TseqMachineProfile.ps1 -TaskSequence .\object.xml -IncludeClass 'root\cimv2:Win32_PnPEntity' -OutFile .\lab-pc.json
    tseq eval .\object.xml --profile .\lab-pc.json

    Collects what the task sequence's conditions look at as well, plus every Win32_PnPEntity,
    then asks tseq which steps would run here.

.OUTPUTS
    System.String. The profile as JSON, unless -OutFile is given.

.NOTES
    Runs on Windows PowerShell 5.1 (also in Windows PE with the WinPE-PowerShell component) and
    PowerShell 7 on Windows. It only reads: nothing on the machine is changed.
#>
[CmdletBinding()]
param(
    [Parameter()]
    [string] $Name = $env:COMPUTERNAME,

    [Parameter()]
    [string] $TaskSequence,

    [Parameter()]
    [string] $OutFile,

    [Parameter()]
    [string[]] $IncludeClass = @()
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# The WMI classes real task sequence conditions query, as 'namespace:class'. The first group is
# every class named in the FROM clause of a WMI condition in tseq's corpus of real task
# sequences (src/conditions/profiles.test.ts checks that this list still covers them all); the
# second group holds classes conditions and MDT Gather commonly read besides.
$DefaultWmiClasses = @(
    # Queried by WMI conditions in the corpus
    'root\cimv2:Win32_ComputerSystem'
    'root\cimv2:Win32_OperatingSystem'
    'root\cimv2:Win32_LogicalDisk'
    'root\cimv2:Win32_DiskPartition'
    'root\cimv2:Win32_Battery'
    'root\cimv2:Win32_Process'
    'root\cimv2\Security\MicrosoftTPM:Win32_Tpm'
    # Commonly queried besides: make, model, firmware, chassis, hardware, BitLocker
    'root\cimv2:Win32_ComputerSystemProduct'
    'root\cimv2:Win32_BaseBoard'
    'root\cimv2:Win32_BIOS'
    'root\cimv2:Win32_SystemEnclosure'
    'root\cimv2:Win32_Processor'
    'root\cimv2:Win32_PhysicalMemory'
    'root\cimv2:Win32_DiskDrive'
    'root\cimv2:Win32_NetworkAdapterConfiguration'
    'root\cimv2:Win32_VideoController'
    'root\cimv2\Security\MicrosoftVolumeEncryption:Win32_EncryptableVolume'
    'root\wmi:MS_SystemInformation'
)

# Classes whose instances keep only some properties: a process list with every property
# (command lines included) is large and may hold secrets; conditions test names and paths.
$PropertySubset = @{
    'root\cimv2:Win32_Process' = @('Caption', 'Name', 'ExecutablePath', 'ParentProcessId', 'ProcessId', 'SessionId')
}

$Invariant = [System.Globalization.CultureInfo]::InvariantCulture
$MaxSafeInteger = [decimal]9007199254740991   # 2^53 - 1: larger integers lose precision as JSON numbers
$GuidPattern = '^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$'

#region Helpers

function ConvertTo-TseqNamespace {
    # 'root/CIMV2', '\\.\root\cimv2' and 'root\cimv2' name one namespace; the spelling is kept.
    param([Parameter(Mandatory)][string] $Namespace)
    $ns = $Namespace.Trim().Replace('/', '\')
    if ($ns -match '^\\\\[^\\]+\\(.+)$') { $ns = $Matches[1] }
    if ($ns -eq '') { $ns = 'root\cimv2' }
    $ns
}

function ConvertTo-TseqClassSpec {
    # 'root\cimv2:Win32_Foo' (or 'Win32_Foo') to an object with Namespace, ClassName and Key.
    param([Parameter(Mandatory)][string] $Spec)
    $text = $Spec.Trim()
    $at = $text.LastIndexOf(':')
    if ($at -ge 0) {
        $ns = ConvertTo-TseqNamespace -Namespace $text.Substring(0, $at)
        $class = $text.Substring($at + 1).Trim()
    } else {
        $ns = 'root\cimv2'
        $class = $text
    }
    if ($class -notmatch '^[A-Za-z_][A-Za-z0-9_]*$') {
        throw "'$Spec' does not name a WMI class; write it as 'root\cimv2:Win32_Foo'."
    }
    [pscustomobject]@{
        Namespace = $ns
        ClassName = $class
        Key       = ('{0}:{1}' -f $ns, $class).ToLowerInvariant()
    }
}

function ConvertTo-TseqDmtfDateTime {
    # A DateTime as WMI writes it: yyyymmddHHMMSS.ffffff+UUU (UUU: offset from UTC in minutes).
    param([Parameter(Mandatory)][datetime] $Value)
    if ($Value.Kind -eq [System.DateTimeKind]::Utc) {
        $offset = 0
    } else {
        $offset = [int][math]::Round([System.TimeZoneInfo]::Local.GetUtcOffset($Value).TotalMinutes)
    }
    $sign = '+'
    if ($offset -lt 0) { $sign = '-' }
    $Value.ToString('yyyyMMddHHmmss.ffffff', $Invariant) + $sign + ([math]::Abs($offset)).ToString('000', $Invariant)
}

function ConvertTo-TseqDmtfInterval {
    # A TimeSpan as a WMI interval: ddddddddHHMMSS.mmmmmm:000.
    param([Parameter(Mandatory)][timespan] $Value)
    $micro = [int](($Value.Ticks % 10000000) / 10)
    [string]::Format($Invariant, '{0:D8}{1:D2}{2:D2}{3:D2}.{4:D6}:000', $Value.Days, $Value.Hours, $Value.Minutes, $Value.Seconds, $micro)
}

function ConvertTo-TseqScalar {
    # One WMI value as JSON can hold it. Never returns an array.
    param([AllowNull()] $Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [string] -or $Value -is [bool]) { return $Value }
    if ($Value -is [datetime]) { return (ConvertTo-TseqDmtfDateTime -Value $Value) }
    if ($Value -is [timespan]) { return (ConvertTo-TseqDmtfInterval -Value $Value) }
    if ($Value -is [char]) { return [string]$Value }
    if ($Value -is [double] -or $Value -is [single]) {
        $d = [double]$Value
        if ([double]::IsNaN($d) -or [double]::IsInfinity($d)) { return $null }
        return $d
    }
    if ($Value -is [uint64] -or $Value -is [int64]) {
        if ([math]::Abs([decimal]$Value) -le $MaxSafeInteger) { return [int64]$Value }
        return $Value.ToString($Invariant)
    }
    if ($Value -is [byte] -or $Value -is [sbyte] -or $Value -is [int16] -or $Value -is [uint16] -or $Value -is [int32] -or $Value -is [uint32]) {
        return $Value
    }
    return [string]$Value
}

function ConvertTo-TseqWmiInstance {
    # A CIM instance to an ordered dictionary of its non-system properties.
    param(
        [Parameter(Mandatory)] $Instance,
        [string[]] $Only = @()
    )
    $skipTypes = @('Instance', 'InstanceArray', 'Reference', 'ReferenceArray', 'Unknown')
    $result = [ordered]@{}
    foreach ($property in $Instance.CimInstanceProperties) {
        $propertyName = [string]$property.Name
        if ($propertyName.StartsWith('__')) { continue }
        if (@($Only).Count -gt 0 -and @($Only) -notcontains $propertyName) { continue }
        $cimType = $property.CimType.ToString()
        if ($skipTypes -contains $cimType) { continue }
        $value = $property.Value
        if ($cimType.EndsWith('Array')) {
            if ($null -eq $value) {
                $result[$propertyName] = $null
            } else {
                $items = New-Object 'System.Collections.Generic.List[object]'
                foreach ($item in $value) { $items.Add((ConvertTo-TseqScalar -Value $item)) }
                $result[$propertyName] = $items.ToArray()
            }
        } else {
            $result[$propertyName] = ConvertTo-TseqScalar -Value $value
        }
    }
    $result
}

function Get-TseqRegistryView {
    if ([System.Environment]::Is64BitOperatingSystem) { return [Microsoft.Win32.RegistryView]::Registry64 }
    [Microsoft.Win32.RegistryView]::Registry32
}

$HiveByName = @{
    'HKEY_LOCAL_MACHINE'  = [Microsoft.Win32.RegistryHive]::LocalMachine
    'HKLM'                = [Microsoft.Win32.RegistryHive]::LocalMachine
    'HKEY_CURRENT_USER'   = [Microsoft.Win32.RegistryHive]::CurrentUser
    'HKCU'                = [Microsoft.Win32.RegistryHive]::CurrentUser
    'HKEY_USERS'          = [Microsoft.Win32.RegistryHive]::Users
    'HKU'                 = [Microsoft.Win32.RegistryHive]::Users
    'HKEY_CLASSES_ROOT'   = [Microsoft.Win32.RegistryHive]::ClassesRoot
    'HKCR'                = [Microsoft.Win32.RegistryHive]::ClassesRoot
    'HKEY_CURRENT_CONFIG' = [Microsoft.Win32.RegistryHive]::CurrentConfig
    'HKCC'                = [Microsoft.Win32.RegistryHive]::CurrentConfig
}

function Open-TseqRegistryKey {
    # The key at a full path ('HKEY_LOCAL_MACHINE\SOFTWARE\...'), read-only, or $null when absent.
    param([Parameter(Mandatory)][string] $KeyPath)
    $path = $KeyPath.Trim().Replace('/', '\').TrimEnd('\')
    $at = $path.IndexOf('\')
    if ($at -lt 0) { $hiveName = $path; $subKey = '' } else { $hiveName = $path.Substring(0, $at); $subKey = $path.Substring($at + 1) }
    if (-not $HiveByName.ContainsKey($hiveName)) { throw "unknown registry hive '$hiveName'" }
    $base = [Microsoft.Win32.RegistryKey]::OpenBaseKey($HiveByName[$hiveName], (Get-TseqRegistryView))
    if ($subKey -eq '') { return $base }
    $key = $base.OpenSubKey($subKey, $false)
    $base.Dispose()
    $key
}

function ConvertTo-TseqRegistryValue {
    # One value of an open key as the profile writes it ({ type, data }), or $null for a kind
    # the profile cannot hold.
    param(
        [Parameter(Mandatory)] $Key,
        [Parameter(Mandatory)][AllowEmptyString()][string] $ValueName
    )
    $kind = $Key.GetValueKind($ValueName).ToString()
    $data = $Key.GetValue($ValueName, $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
    switch ($kind) {
        'String' {
            return [ordered]@{ type = 'REG_SZ'; data = [string]$data }
        }
        'ExpandString' {
            return [ordered]@{ type = 'REG_EXPAND_SZ'; data = [string]$data }
        }
        'MultiString' {
            $lines = New-Object 'System.Collections.Generic.List[object]'
            if ($null -ne $data) { foreach ($line in $data) { $lines.Add([string]$line) } }
            return [ordered]@{ type = 'REG_MULTI_SZ'; data = $lines.ToArray() }
        }
        'DWord' {
            # GetValue gives a signed Int32; the registry holds an unsigned 32-bit number.
            $unsigned = [System.BitConverter]::ToUInt32([System.BitConverter]::GetBytes([int32]$data), 0)
            return [ordered]@{ type = 'REG_DWORD'; data = [int64]$unsigned }
        }
        'QWord' {
            $unsigned = [System.BitConverter]::ToUInt64([System.BitConverter]::GetBytes([int64]$data), 0)
            if ([decimal]$unsigned -le $MaxSafeInteger) { $number = [int64]$unsigned } else { $number = $unsigned.ToString($Invariant) }
            return [ordered]@{ type = 'REG_QWORD'; data = $number }
        }
        'Binary' {
            # Bytes as upper-case hex without separators ('01A0FF').
            $hex = ''
            if ($null -ne $data) { $hex = [System.BitConverter]::ToString([byte[]]$data).Replace('-', '') }
            return [ordered]@{ type = 'REG_BINARY'; data = $hex }
        }
        'None' {
            $hex = ''
            if ($data -is [byte[]]) { $hex = [System.BitConverter]::ToString($data).Replace('-', '') }
            return [ordered]@{ type = 'REG_NONE'; data = $hex }
        }
        default {
            return $null
        }
    }
}

function Switch-TseqGuidPacking {
    # Windows Installer's packed GUID <-> the GUID's 32 hex digits (the swap is its own inverse):
    # the first three groups reversed, then each of the last eight bytes with its nibbles swapped.
    param([Parameter(Mandatory)][string] $Hex)
    $h = $Hex.ToUpperInvariant()
    $builder = New-Object System.Text.StringBuilder
    foreach ($group in @(@(0, 8), @(8, 4), @(12, 4))) {
        $chars = $h.Substring($group[0], $group[1]).ToCharArray()
        [array]::Reverse($chars)
        [void]$builder.Append((-join $chars))
    }
    for ($i = 16; $i -lt 32; $i += 2) {
        [void]$builder.Append($h[$i + 1]).Append($h[$i])
    }
    $builder.ToString()
}

function ConvertTo-TseqGuidHex {
    # '{AAAAAAAA-BBBB-...}' to 32 upper-case hex digits.
    param([Parameter(Mandatory)][string] $Guid)
    $Guid.Trim().TrimStart('{').TrimEnd('}').Replace('-', '').ToUpperInvariant()
}

function ConvertFrom-TseqGuidHex {
    param([Parameter(Mandatory)][string] $Hex)
    '{{{0}-{1}-{2}-{3}-{4}}}' -f $Hex.Substring(0, 8), $Hex.Substring(8, 4), $Hex.Substring(12, 4), $Hex.Substring(16, 4), $Hex.Substring(20, 12)
}

function Get-TseqUtcTimestamp {
    param([Parameter(Mandatory)][datetime] $Utc)
    $Utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", $Invariant)
}

function Expand-TseqPath {
    # %NAME% from the environment; $null (with a warning) when a reference is left that the
    # environment cannot expand, which names a task sequence variable.
    param([Parameter(Mandatory)][string] $Path, [Parameter(Mandatory)][string] $What)
    $expanded = [System.Environment]::ExpandEnvironmentVariables($Path.Trim())
    if ($expanded -match '%[^%\\]+%') {
        Write-Warning "Skipped the $What '$Path': $($Matches[0]) is not an environment variable here (a task sequence variable?)."
        return $null
    }
    $expanded
}

function Read-TseqXmlText {
    # The root element of an XML text, without DTDs or external entities. XML nodes are
    # enumerable, so functions hand them over wrapped in an object ({ Node }) that the
    # pipeline passes on whole.
    param([Parameter(Mandatory)][string] $Text)
    $settings = New-Object System.Xml.XmlReaderSettings
    $settings.DtdProcessing = [System.Xml.DtdProcessing]::Prohibit
    $settings.XmlResolver = $null
    $document = New-Object System.Xml.XmlDocument
    $document.XmlResolver = $null
    $stringReader = New-Object System.IO.StringReader($Text)
    $reader = [System.Xml.XmlReader]::Create($stringReader, $settings)
    try { $document.Load($reader) } finally { $reader.Dispose(); $stringReader.Dispose() }
    [pscustomobject]@{ Node = $document.DocumentElement }
}

function Read-TseqSequence {
    # The <sequence> element of a task sequence file in any of the three shapes, as { Node }.
    param([Parameter(Mandatory)][string] $Path)
    $fullPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    if (-not [System.IO.File]::Exists($fullPath)) { throw "task sequence file not found: $fullPath" }
    $settings = New-Object System.Xml.XmlReaderSettings
    $settings.DtdProcessing = [System.Xml.DtdProcessing]::Prohibit
    $settings.XmlResolver = $null
    $document = New-Object System.Xml.XmlDocument
    $document.XmlResolver = $null
    # XmlReader reads the encoding from the BOM or the declaration (UTF-8, UTF-16).
    $stream = [System.IO.File]::OpenRead($fullPath)
    try {
        $reader = [System.Xml.XmlReader]::Create($stream, $settings)
        try { $document.Load($reader) } finally { $reader.Dispose() }
    } finally {
        $stream.Dispose()
    }

    $root = $document.DocumentElement
    switch ($root.LocalName) {
        'sequence' {
            return [pscustomobject]@{ Node = $root }
        }
        'INSTANCE' {
            # object.xml from a console export: the sequence is the text of the Sequence property.
            $value = $root.SelectSingleNode("PROPERTY[@NAME='Sequence']/VALUE")
            if ($null -eq $value -or [string]::IsNullOrWhiteSpace($value.InnerText)) {
                throw "$fullPath is a WMI instance document without a Sequence property"
            }
            return (Read-TseqXmlText -Text $value.InnerText)
        }
        'SmsTaskSequencePackage' {
            $inline = $root.SelectSingleNode('SequenceData/sequence')
            if ($null -ne $inline) { return [pscustomobject]@{ Node = $inline } }
            $data = $root.SelectSingleNode('SequenceData')
            if ($null -ne $data -and -not [string]::IsNullOrWhiteSpace($data.InnerText)) {
                return (Read-TseqXmlText -Text $data.InnerText)
            }
            throw "$fullPath is an SmsTaskSequencePackage without SequenceData"
        }
        default {
            $nested = $root.SelectSingleNode('//sequence')
            if ($null -ne $nested) { return [pscustomobject]@{ Node = $nested } }
            throw "$fullPath is not a task sequence (root element <$($root.LocalName)>)"
        }
    }
}

function Get-TseqExpressionVariable {
    # The text of an expression's <variable name="..."> (names compared case-insensitively), or ''.
    param([Parameter(Mandatory)] $Expression, [Parameter(Mandatory)][string] $VariableName)
    foreach ($child in $Expression.ChildNodes) {
        if ($child.NodeType -eq [System.Xml.XmlNodeType]::Element -and $child.LocalName -eq 'variable' -and $child.GetAttribute('name') -eq $VariableName) {
            return [string]$child.InnerText
        }
    }
    ''
}

#endregion

if ([string]::IsNullOrWhiteSpace($Name)) { $Name = [System.Environment]::MachineName }

# --- What to collect -------------------------------------------------------------------------

$classSpecs = [ordered]@{}
foreach ($spec in @($DefaultWmiClasses) + @($IncludeClass)) {
    if ([string]::IsNullOrWhiteSpace($spec)) { continue }
    $parsed = ConvertTo-TseqClassSpec -Spec $spec
    if (-not $classSpecs.Contains($parsed.Key)) { $classSpecs[$parsed.Key] = $parsed }
}

$registryWanted = [ordered]@{}   # key path (lower case) -> { Path; ValueNames = List[string] }
$fileWanted = New-Object 'System.Collections.Generic.List[string]'
$folderWanted = New-Object 'System.Collections.Generic.List[string]'
$sequenceNote = ''

if (-not [string]::IsNullOrWhiteSpace($TaskSequence)) {
    $sequence = (Read-TseqSequence -Path $TaskSequence).Node
    $sequenceNote = '; task sequence: ' + $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($TaskSequence)
    foreach ($expression in @($sequence.SelectNodes('.//expression'))) {
        $type = $expression.GetAttribute('type')
        switch ($type) {
            'SMS_TaskSequence_WMIConditionExpression' {
                $query = Get-TseqExpressionVariable -Expression $expression -VariableName 'Query'
                $namespace = Get-TseqExpressionVariable -Expression $expression -VariableName 'Namespace'
                if ([string]::IsNullOrWhiteSpace($namespace)) { $namespace = 'root\cimv2' }
                if ($query -match '(?i)\bfrom\s+([A-Za-z_][A-Za-z0-9_]*)') {
                    $className = $Matches[1]
                    $parsed = ConvertTo-TseqClassSpec -Spec ('{0}:{1}' -f (ConvertTo-TseqNamespace -Namespace $namespace), $className)
                    if (-not $classSpecs.Contains($parsed.Key)) { $classSpecs[$parsed.Key] = $parsed }
                } else {
                    Write-Warning "Skipped a WMI condition without a FROM clause: $query"
                }
            }
            'SMS_TaskSequence_RegistryConditionExpression' {
                $keyPath = Get-TseqExpressionVariable -Expression $expression -VariableName 'KeyPath'
                if ([string]::IsNullOrWhiteSpace($keyPath)) { continue }
                $keyPath = Expand-TseqPath -Path $keyPath -What 'registry key'
                if ($null -eq $keyPath) { continue }
                $keyPath = $keyPath.TrimEnd('\')
                $lookup = $keyPath.ToLowerInvariant()
                if (-not $registryWanted.Contains($lookup)) {
                    $registryWanted[$lookup] = [pscustomobject]@{ Path = $keyPath; ValueNames = (New-Object 'System.Collections.Generic.List[string]') }
                }
                $valueName = Get-TseqExpressionVariable -Expression $expression -VariableName 'Value'
                $registryWanted[$lookup].ValueNames.Add($valueName)
            }
            'SMS_TaskSequence_FileConditionExpression' {
                $path = Get-TseqExpressionVariable -Expression $expression -VariableName 'Path'
                if (-not [string]::IsNullOrWhiteSpace($path)) { $fileWanted.Add($path) }
            }
            'SMS_TaskSequence_FolderConditionExpression' {
                $path = Get-TseqExpressionVariable -Expression $expression -VariableName 'Path'
                if (-not [string]::IsNullOrWhiteSpace($path)) { $folderWanted.Add($path) }
            }
        }
    }
}

# --- WMI -------------------------------------------------------------------------------------

$wmi = [ordered]@{}
$namespaceKeys = @{}   # lower case -> the spelling used as the JSON key
foreach ($spec in $classSpecs.Values) {
    $label = '{0}:{1}' -f $spec.Namespace, $spec.ClassName
    try {
        $instances = @(Get-CimInstance -Namespace $spec.Namespace -ClassName $spec.ClassName -OperationTimeoutSec 120 -ErrorAction Stop)
    } catch {
        Write-Warning "Skipped WMI class ${label}: $($_.Exception.Message)"
        continue
    }
    $only = @()
    if ($PropertySubset.ContainsKey($label)) { $only = @($PropertySubset[$label]) }
    $converted = New-Object 'System.Collections.Generic.List[object]'
    foreach ($instance in $instances) {
        $converted.Add((ConvertTo-TseqWmiInstance -Instance $instance -Only $only))
    }
    $nsLookup = $spec.Namespace.ToLowerInvariant()
    if (-not $namespaceKeys.ContainsKey($nsLookup)) {
        $namespaceKeys[$nsLookup] = $spec.Namespace
        $wmi[$spec.Namespace] = [ordered]@{}
    }
    $wmi[$namespaceKeys[$nsLookup]][$spec.ClassName] = $converted.ToArray()
    Write-Verbose ("{0}: {1} instance(s)" -f $label, $converted.Count)
}

# --- Registry, files, folders named by the task sequence's conditions ------------------------

$registry = [ordered]@{}
foreach ($wanted in $registryWanted.Values) {
    try {
        $key = Open-TseqRegistryKey -KeyPath $wanted.Path
    } catch {
        Write-Warning "Skipped registry key $($wanted.Path): $($_.Exception.Message)"
        continue
    }
    if ($null -eq $key) { Write-Verbose "registry key $($wanted.Path) does not exist"; continue }
    try {
        $values = [ordered]@{}
        $present = @($key.GetValueNames())
        foreach ($valueName in $wanted.ValueNames) {
            if ($present -notcontains $valueName) { continue }
            # The value's own spelling, as the key holds it.
            $actualName = [string]@($present | Where-Object { $_ -eq $valueName })[0]
            if ($values.Contains($actualName)) { continue }
            $converted = ConvertTo-TseqRegistryValue -Key $key -ValueName $actualName
            if ($null -eq $converted) {
                Write-Warning "Skipped registry value '$actualName' of $($wanted.Path): its kind is not one a profile holds"
                continue
            }
            $values[$actualName] = $converted
        }
        $registry[$wanted.Path] = $values
    } catch {
        Write-Warning "Skipped registry key $($wanted.Path): $($_.Exception.Message)"
    } finally {
        $key.Dispose()
    }
}

$files = [ordered]@{}
$seenFiles = @{}
foreach ($written in $fileWanted) {
    $path = Expand-TseqPath -Path $written -What 'file'
    if ($null -eq $path -or $seenFiles.ContainsKey($path.ToLowerInvariant())) { continue }
    $seenFiles[$path.ToLowerInvariant()] = $true
    try {
        if (-not [System.IO.File]::Exists($path)) { Write-Verbose "file $path does not exist"; continue }
        $info = New-Object System.IO.FileInfo($path)
        $entry = [ordered]@{}
        $versionInfo = [System.Diagnostics.FileVersionInfo]::GetVersionInfo($info.FullName)
        $parts = @($versionInfo.FileMajorPart, $versionInfo.FileMinorPart, $versionInfo.FileBuildPart, $versionInfo.FilePrivatePart)
        if (-not [string]::IsNullOrEmpty($versionInfo.FileVersion) -or ($parts | Where-Object { $_ -ne 0 })) {
            $entry['version'] = [string]::Join('.', [string[]]$parts)
        }
        $entry['modified'] = Get-TseqUtcTimestamp -Utc $info.LastWriteTimeUtc
        $entry['size'] = [int64]$info.Length
        $files[$path] = $entry
    } catch {
        Write-Warning "Skipped file ${path}: $($_.Exception.Message)"
    }
}

$folders = [ordered]@{}
$seenFolders = @{}
foreach ($written in $folderWanted) {
    $path = Expand-TseqPath -Path $written -What 'folder'
    if ($null -eq $path -or $seenFolders.ContainsKey($path.ToLowerInvariant())) { continue }
    $seenFolders[$path.ToLowerInvariant()] = $true
    try {
        if (-not [System.IO.Directory]::Exists($path)) { Write-Verbose "folder $path does not exist"; continue }
        $info = New-Object System.IO.DirectoryInfo($path)
        $folders[$path] = [ordered]@{ modified = (Get-TseqUtcTimestamp -Utc $info.LastWriteTimeUtc) }
    } catch {
        Write-Warning "Skipped folder ${path}: $($_.Exception.Message)"
    }
}

# --- Installed MSI products ------------------------------------------------------------------

$upgradeByPackedProduct = @{}
$software = New-Object 'System.Collections.Generic.List[object]'
$seenProducts = @{}
$machine = $null
try {
    $machine = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, (Get-TseqRegistryView))

    $upgradeCodes = $machine.OpenSubKey('SOFTWARE\Classes\Installer\UpgradeCodes', $false)
    if ($null -ne $upgradeCodes) {
        try {
            foreach ($packedUpgrade in $upgradeCodes.GetSubKeyNames()) {
                if ($packedUpgrade -notmatch '^[0-9A-Fa-f]{32}$') { continue }
                $members = $upgradeCodes.OpenSubKey($packedUpgrade, $false)
                if ($null -eq $members) { continue }
                try {
                    foreach ($packedProduct in $members.GetValueNames()) {
                        if ($packedProduct -match '^[0-9A-Fa-f]{32}$') {
                            $upgradeByPackedProduct[$packedProduct.ToUpperInvariant()] = $packedUpgrade.ToUpperInvariant()
                        }
                    }
                } finally {
                    $members.Dispose()
                }
            }
        } finally {
            $upgradeCodes.Dispose()
        }
    }

    foreach ($uninstallPath in @('SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall', 'SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall')) {
        $uninstall = $machine.OpenSubKey($uninstallPath, $false)
        if ($null -eq $uninstall) { continue }
        try {
            foreach ($productCode in $uninstall.GetSubKeyNames()) {
                if ($productCode -notmatch $GuidPattern) { continue }
                $hex = ConvertTo-TseqGuidHex -Guid $productCode
                if ($seenProducts.ContainsKey($hex)) { continue }
                $product = $uninstall.OpenSubKey($productCode, $false)
                if ($null -eq $product) { continue }
                try {
                    # Only products Windows Installer registered (WindowsInstaller = 1); other GUID
                    # keys (setup bundles, hand-made entries) have no MSI product code.
                    $isMsi = $product.GetValue('WindowsInstaller', $null)
                    if ($null -eq $isMsi -or ($isMsi -isnot [int] -and $isMsi -isnot [long]) -or [long]$isMsi -ne 1) { continue }
                    $seenProducts[$hex] = $true
                    $item = [ordered]@{ productCode = $productCode.ToUpperInvariant() }
                    $packedProduct = Switch-TseqGuidPacking -Hex $hex
                    if ($upgradeByPackedProduct.ContainsKey($packedProduct)) {
                        $item['upgradeCode'] = ConvertFrom-TseqGuidHex -Hex (Switch-TseqGuidPacking -Hex $upgradeByPackedProduct[$packedProduct])
                    }
                    $displayName = $product.GetValue('DisplayName', $null)
                    if ($null -ne $displayName -and [string]$displayName -ne '') { $item['name'] = [string]$displayName }
                    $displayVersion = $product.GetValue('DisplayVersion', $null)
                    if ($null -ne $displayVersion -and [string]$displayVersion -ne '') { $item['version'] = [string]$displayVersion }
                    $software.Add($item)
                } finally {
                    $product.Dispose()
                }
            }
        } finally {
            $uninstall.Dispose()
        }
    }
} catch {
    Write-Warning "Installed software is incomplete: $($_.Exception.Message)"
}

# --- Windows PE ------------------------------------------------------------------------------

$inWinPE = $false
try {
    if ($null -eq $machine) {
        $machine = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, (Get-TseqRegistryView))
    }
    $miniNT = $machine.OpenSubKey('SYSTEM\CurrentControlSet\Control\MiniNT', $false)
    if ($null -ne $miniNT) { $inWinPE = $true; $miniNT.Dispose() }
} catch {
    Write-Warning "Could not tell whether this is Windows PE: $($_.Exception.Message)"
} finally {
    if ($null -ne $machine) { $machine.Dispose() }
}

# --- The profile -----------------------------------------------------------------------------

$osVersion = [System.Environment]::OSVersion.Version.ToString()
$psVersion = $PSVersionTable.PSVersion.ToString()
$description = 'Collected by Get-TseqMachineProfile.ps1 on {0} (Windows {1}, PowerShell {2}){3}' -f (Get-TseqUtcTimestamp -Utc ([datetime]::UtcNow)), $osVersion, $psVersion, $sequenceNote

$inWinPEText = 'false'
if ($inWinPE) { $inWinPEText = 'true' }

$machineProfile = [ordered]@{
    name        = $Name
    description = $description
    inWinPE     = $inWinPE
    variables   = [ordered]@{ '_SMSTSInWinPE' = $inWinPEText }
    wmi         = $wmi
    registry    = $registry
    files       = $files
    folders     = $folders
    software    = $software.ToArray()
}

$json = ConvertTo-Json -InputObject $machineProfile -Depth 8

if (-not [string]::IsNullOrWhiteSpace($OutFile)) {
    $target = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutFile)
    [System.IO.File]::WriteAllText($target, $json, (New-Object System.Text.UTF8Encoding($false)))
    Write-Verbose "wrote $target"
} else {
    $json
}
