import type { ClassDef, PropertyDef, ValueType } from '../class-def.js';

type Extra = Omit<PropertyDef, 'name' | 'type' | 'xml'> & { readonly hidden?: boolean };

/** A property written as `<variable name="variable" property="name">` in the step's defaultVarList (REFERENCE.md §2.1). */
function v(name: string, variable: string, type: ValueType, extra: Extra = {}): PropertyDef {
  const { hidden, ...rest } = extra;
  return { name, type, ...rest, xml: hidden === true ? { kind: 'variable', name: variable, hidden: true } : { kind: 'variable', name: variable } };
}

/** The "Drivers" steps (REFERENCE.md §2.2 items 31-32). */
export const driverActions: readonly ClassDef[] = [
  {
    name: 'SMS_TaskSequence_AutoApplyAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Auto Apply Drivers',
    description: 'Matches the hardware against the driver catalog and stages the matching drivers for setup.',
    category: 'Drivers',
    commandLine: 'osddriverclient.exe /auto /bestmatch:%%OSDAutoApplyDriverBestMatch%% /unsigned:%%OSDAllowUnsignedDriver%%',
    variablePrefix: 'OSDAutoApplyDriver',
    defaultRunIn: 'WinPE',
    defaultSuccessCodes: '0',
    osd: true,
    source: 'configmgr',
    properties: [
      v('BestMatch', 'OSDAutoApplyDriverBestMatch', 'boolean', { default: true, description: 'Only the best matching driver per device, instead of all compatible ones.' }),
      {
        name: 'CategoryList',
        type: 'string',
        array: true,
        description: 'Driver categories to consider (a driver in any of them qualifies); empty = all.',
        xml: { kind: 'variable', name: 'OSDAutoApplyDriverCategoryList' },
      },
      v('UnsignedDriver', 'OSDAllowUnsignedDriver', 'boolean', { description: 'Allow unsigned drivers to be installed.' }),
    ],
  },
  {
    name: 'SMS_TaskSequence_ApplyDriverPackageAction',
    parent: 'SMS_TaskSequence_Action',
    role: 'action',
    displayName: 'Apply Driver Package',
    description: 'Stages every driver of one driver package for setup, optionally one boot-critical storage driver.',
    category: 'Drivers',
    // SDK MOF plus the " /recurse:%OSDRecurse%" of current exports (two spaces after the package ID when arg 2 is null).
    commandLine:
      'osddriverclient.exe /install:%1 <?2:"/bootcritical:%%OSDApplyDriverBootCriticalContentUniqueID%%,%%OSDApplyDriverBootCriticalINFFile%%,%%OSDApplyDriverBootCriticalHardwareComponent%%,%%OSDApplyDriverBootCriticalID%%"> /unsigned:%%OSDAllowUnsignedDriver%% /recurse:%%OSDRecurse%%',
    variablePrefix: 'OSDApplyDriver',
    defaultRunIn: 'WinPE',
    defaultSuccessCodes: '0',
    osd: true,
    source: 'configmgr',
    properties: [
      v('DriverPackageID', 'OSDApplyDriverDriverPackageID', 'string', { required: true, commandLineArg: 1, hidden: true }),
      v('BootCriticalDriverID', 'OSDApplyDriverBootCriticalDriverID', 'string', {
        commandLineArg: 2,
        hidden: true,
        description: 'CI_UniqueID of the boot-critical mass-storage driver; the four BootCritical* fields below are then required.',
      }),
      v('BootCriticalContentUniqueID', 'OSDApplyDriverBootCriticalContentUniqueID', 'string'),
      v('BootCriticalINFFile', 'OSDApplyDriverBootCriticalINFFile', 'string'),
      v('BootCriticalHardwareComponent', 'OSDApplyDriverBootCriticalHardwareComponent', 'string'),
      v('BootCriticalID', 'OSDApplyDriverBootCriticalID', 'string', { description: 'ID from the "scsi" section of txtsetup.oem.' }),
      v('UnsignedDriver', 'OSDAllowUnsignedDriver', 'boolean', { required: true, default: false }),
      v('Recurse', 'OSDRecurse', 'boolean', { description: 'Observed in current exports: apply drivers recursively (DISM /recurse).' }),
    ],
  },
];
