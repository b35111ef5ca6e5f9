import type { ClassDef, PropertyDef, ValueType } from '../class-def.js';

type Extra = Omit<PropertyDef, 'name' | 'type' | 'xml'> & { readonly hidden?: boolean };

/** A property written as `<variable name="variable" property="name">` in the step's defaultVarList (REFERENCE.md §2.1). */
function v(name: string, variable: string, type: ValueType, extra: Extra = {}): PropertyDef {
  const { hidden, ...rest } = extra;
  return { name, type, ...rest, xml: hidden === true ? { kind: 'variable', name: variable, hidden: true } : { kind: 'variable', name: variable } };
}

/** The "Settings" steps (REFERENCE.md §2.2 items 33-36). */
export const settingsActions: readonly ClassDef[] = [
  {
    name: 'SMS_TaskSequence_CaptureNetworkSettingsAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Capture Network Settings',
    description: 'Records the domain or workgroup membership and the adapter settings for a later Apply Network Settings.',
    category: 'Settings',
    commandLine: 'osdnetsettings.exe capture netmembership:%%OSDMigrateNetworkMembership%% adapters:%%OSDMigrateAdapterSettings%%',
    defaultRunIn: 'FullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      v('MigrateAdapterSettings', 'OSDMigrateAdapterSettings', 'boolean', { default: true }),
      // [CONFLICT] SDK default false, variables documentation default true: no default declared.
      v('MigrateNetworkMembership', 'OSDMigrateNetworkMembership', 'boolean', {
        description: 'Capture domain or workgroup membership (the SDK says default false, the variables reference true).',
      }),
    ],
  },
  {
    name: 'SMS_TaskSequence_CaptureWindowsSettingsAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Capture Windows Settings',
    description: 'Records the computer name, registration information and time zone into OSD variables.',
    category: 'Settings',
    commandLine:
      'osdwinsettings.exe /capture /name:%%OSDMigrateComputerName%% /reginfo:%%OSDMigrateRegistrationInfo%% /timezone:%%OSDMigrateTimeZone%%',
    defaultRunIn: 'WinPEandFullOS',
    defaultSuccessCodes: '0',
    source: 'configmgr',
    properties: [
      v('MigrateComputerName', 'OSDMigrateComputerName', 'boolean', { default: true, description: 'Sets OSDComputerName.' }),
      v('MigrateRegistrationInfo', 'OSDMigrateRegistrationInfo', 'boolean', { default: true, description: 'Sets OSDRegisteredOrgName.' }),
      v('MigrateTimeZone', 'OSDMigrateTimeZone', 'boolean', { default: true, description: 'Sets OSDTimeZone.' }),
    ],
  },
  {
    name: 'SMS_TaskSequence_ApplyNetworkSettingsAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Apply Network Settings',
    description: 'Writes domain or workgroup membership and adapter settings into the answer file; with several such steps the last one wins.',
    category: 'Settings',
    commandLine: 'osdnetsettings.exe configure',
    variablePrefix: 'OSD',
    defaultRunIn: 'WinPE',
    defaultSuccessCodes: '0',
    osd: true,
    source: 'configmgr',
    properties: [
      v('NetworkJoinType', 'OSDNetworkJoinType', 'uint32', { required: true, allowed: ['0', '1'], description: '0 join a domain, 1 join a workgroup.' }),
      v('DomainName', 'OSDDomainName', 'string', { length: [1, 255] }),
      v('DomainOUName', 'OSDDomainOUName', 'string', { length: [0, 32767] }),
      v('DomainUsername', 'OSDJoinAccount', 'string'),
      v('DomainPassword', 'OSDJoinPassword', 'string', { secret: 'secret' }),
      v('WorkgroupName', 'OSDWorkgroupName', 'string', { length: [1, 32] }),
      // Global: also in <globalVarList>, so the values are visible when the answer file is finalised.
      v('DNSDomain', 'OSDDNSDomain', 'string', { global: true }),
      { name: 'DNSSuffixSearchOrder', type: 'string', array: true, global: true, xml: { kind: 'variable', name: 'OSDDNSSuffixSearchOrder' } },
      v('EnableTCPIPFiltering', 'OSDEnableTCPIPFiltering', 'boolean', { default: false, global: true, hidden: true }),
      // Counter hidden as ConfigMgr writes it; MDT templates (ZTINICConfig.wsf) write it without hidden="true".
      {
        name: 'Adapters',
        type: 'string',
        array: true,
        embedded: 'SMS_TaskSequence_NetworkAdapterSettings',
        global: true,
        description: 'Per-adapter settings; fields written OSDAdapter<i><Field>.',
        xml: { kind: 'variable', name: 'OSDAdapter', hidden: true },
      },
      // Hidden in ConfigMgr's own exports (7 of 8); the majority not hidden are MDT templates.
      v('NumAdapters', 'OSDAdapterCount', 'uint32', { global: true, hidden: true, description: 'Size of Adapters.' }),
    ],
  },
  {
    name: 'SMS_TaskSequence_ApplyWindowsSettingsAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Apply Windows Settings',
    description: 'Writes computer name, registration, administrator password, time zone and locales into the answer file.',
    category: 'Settings',
    commandLine: 'osdwinsettings.exe /config',
    variablePrefix: 'OSD',
    defaultRunIn: 'WinPE',
    defaultSuccessCodes: '0',
    osd: true,
    source: 'configmgr',
    properties: [
      v('AdminPassword', 'OSDLocalAdminPassword', 'string', { secret: 'secret', length: [0, 255], description: 'Ignored when RandomAdminPassword is true.' }),
      v('ComputerName', 'OSDComputerName', 'string', { default: '%_SMSTSMachineName%' }),
      v('ProductKey', 'OSDProductKey', 'string', { secret: 'quasiSecret' }),
      v('RandomAdminPassword', 'OSDRandomAdminPassword', 'boolean', { required: true, default: true, description: 'Random password and disabled local administrator.' }),
      v('RegisteredOrgName', 'OSDRegisteredOrgName', 'string', { required: true, length: [1, 255] }),
      v('RegisteredUserName', 'OSDRegisteredUserName', 'string', { required: true, length: [1, 255] }),
      v('ServerLicenseConnectionLimit', 'OSDServerLicenseConnectionLimit', 'uint32', { range: [5, 9999] }),
      v('ServerLicenseMode', 'OSDServerLicenseMode', 'string', { allowed: ['PerSeat', 'PerServer'] }),
      v('TimeZone', 'OSDTimeZone', 'string', { required: true, description: 'English standard name, e.g. "W. Europe Standard Time".' }),
      // Locale settings: observed only (REFERENCE.md §10), not on the SDK page.
      v('InputLocale', 'OSDWindowsSettingsInputLocale', 'string'),
      v('SystemLocale', 'OSDWindowsSettingsSystemLocale', 'string'),
      v('UILanguage', 'OSDWindowsSettingsUILanguage', 'string'),
      v('UILanguageFallback', 'OSDWindowsSettingsUILanguageFallback', 'string'),
      v('UserLocale', 'OSDWindowsSettingsUserLocale', 'string'),
    ],
  },
];
