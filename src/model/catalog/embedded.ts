import type { ClassDef, PropertyDef, ValueType } from '../class-def.js';

/**
 * A field of an embedded object. Its XML place comes from the owning array property
 * (`<counter><index><Field>` variables, REFERENCE.md §2.1), so the field itself maps to nothing.
 */
function f(name: string, type: ValueType, extra: Omit<PropertyDef, 'name' | 'type' | 'xml'> = {}): PropertyDef {
  return { name, type, ...extra, xml: { kind: 'none' } };
}

/** The embedded helper classes (REFERENCE.md §1.6). */
export const embeddedClasses: readonly ClassDef[] = [
  {
    name: 'SMS_TaskSequence_Reference',
    parent: null,
    role: 'embedded',
    description: 'A package, program or application a sequence references (SMS_TaskSequencePackage.References).',
    source: 'configmgr',
    properties: [
      f('Package', 'string', { description: 'PackageID when Type is 0, application model name when Type is 1.' }),
      f('Program', 'string', { description: 'Program name; "*" for packages and task sequences, "" for applications (observed).' }),
      f('Type', 'uint32', { allowed: ['0', '1'], description: '0 package, 1 application.' }),
    ],
  },
  {
    name: 'SMS_TaskSequence_PackageInfo',
    parent: null,
    role: 'embedded',
    description: 'One package of a Download Package Content step.',
    source: 'configmgr',
    properties: [
      f('Name', 'string'),
      f('PackageId', 'string'),
      f('PkgType', 'uint32', { description: 'PackageType of the package (0 regular, 3 driver, 257 image, ...).' }),
      f('Size', 'uint32', { description: 'Size in KB.' }),
    ],
  },
  {
    name: 'SMS_TaskSequence_ApplicationInfo',
    parent: null,
    role: 'embedded',
    description: 'One application of an Install Application step.',
    source: 'configmgr',
    properties: [
      f('Description', 'string'),
      f('DisplayName', 'string'),
      f('Name', 'string', { description: 'Application model name (ScopeId_.../Application_...).' }),
    ],
  },
  {
    name: 'SMS_TaskSequence_NetworkAdapterSettings',
    parent: null,
    role: 'embedded',
    description: 'Settings for one network adapter of an Apply Network Settings step, matched by MAC address.',
    source: 'configmgr',
    properties: [
      f('DNSServerList', 'string', { array: true }),
      f('EnableDHCP', 'boolean', { required: true }),
      f('EnableDNSRegistration', 'boolean', { required: true }),
      f('EnableFullDNSRegistration', 'boolean', { required: true }),
      f('EnableIPProtocolFiltering', 'boolean', { required: true }),
      f('EnableLMHOSTS', 'boolean', { required: true }),
      f('EnableTCPFiltering', 'boolean', { required: true }),
      f('EnableUDPFiltering', 'boolean', { required: true }),
      f('EnableWINS', 'boolean', { required: true }),
      f('GatewayCostMetric', 'uint32', { description: 'Ignored unless EnableDHCP is false.' }),
      f('Gateways', 'string', { array: true, description: 'Ignored unless EnableDHCP is false.' }),
      f('Index', 'uint32', { description: 'Position of these settings in the Adapters array.' }),
      f('IPAddressList', 'string', { array: true, description: 'Ignored unless EnableDHCP is false.' }),
      f('IPProtocolFilterList', 'string', { array: true }),
      f('MACAddress', 'string', { required: true }),
      f('Name', 'string', { length: [0, 255], description: 'Connection name as Network Connections shows it.' }),
      f('SubnetMask', 'string', { array: true }),
      f('TCPFilterPortList', 'sint32', { array: true }),
      f('TcpipNetbiosOptions', 'uint32', { allowed: ['0', '1', '2'], description: '0 NetBIOS setting from DHCP, 1 enable, 2 disable.' }),
      f('UDPFilterPortList', 'sint32', { array: true }),
      f('WINSServerList', 'string', { array: true }),
    ],
  },
  {
    name: 'SMS_TaskSequence_PartitionSettings',
    parent: null,
    role: 'embedded',
    description: 'One partition of a Format and Partition Disk step.',
    source: 'configmgr',
    properties: [
      f('AssignVolumeLetter', 'boolean', { default: true }),
      f('Bootable', 'boolean', { required: true, default: false, description: 'Make it the active partition.' }),
      f('FileSystem', 'string', { allowed: ['FAT32', 'NTFS'], description: 'Empty: the partition is not formatted.' }),
      f('QuickFormat', 'boolean', { required: true }),
      f('Size', 'uint32', { description: 'In SizeUnits.' }),
      // "%" is MDT's spelling of Percent (observed in most MDT templates).
      f('SizeUnits', 'string', { default: 'MB', allowed: ['MB', 'GB', 'Percent', '%'], description: 'Percent = of the free space remaining.' }),
      // RECOVERY is not on the SDK page but real sequences use it.
      f('Type', 'string', { required: true, allowed: ['Primary', 'Extended', 'Logical', 'Hidden', 'EFI', 'MSR', 'Recovery'] }),
      f('VolumeLetterVariable', 'string', { description: 'Variable that receives the new drive letter.' }),
      f('VolumeName', 'string'),
    ],
  },
];
