/**
 * The shape of one catalog entry. The catalog (catalog/*.ts) is the single declarative description
 * of every WMI class tseq knows; XML reading and writing, validation, documentation and the engine
 * all read it (ARCHITECTURE.md "One model, described once").
 */

/** WMI CIM types as the SDK names them; `datetime` is a DMTF string (yyyymmddHHMMSS.ffffff+UUU). */
export type ValueType = 'string' | 'boolean' | 'uint32' | 'sint32' | 'uint64' | 'datetime';

/** A scalar value as the model holds it. */
export type ScalarValue = string | number | boolean;

/**
 * Where a property lives in the task sequence XML.
 * - `attribute`: an attribute of the step / group / sequence / expression element (runIn, timeout, …).
 *   `aliases` are older spellings read as the same property and written back as found
 *   (`successCodes` beside `successCodeList`, REFERENCE.md §10).
 * - `variable`: a `<variable name="…" property="…">` in the step's `<defaultVarList>` (REFERENCE.md §2.1),
 *   or, for condition expressions, a `<variable name="Prop">` child of `<expression>`.
 *   For an embedded-object array (`embedded` set) `name` is the counter variable (`OSDPartitions`)
 *   and element fields are written `<name><index><Field>` with property `<Prop><index><Field>`.
 * - `childAttribute`: an attribute of a fixed child element (`<platformKey arch="x64"/>` of an OS expression group).
 * - `steps` / `operands` / `condition`: child elements holding model objects.
 * - `none`: not serialised in the sequence XML (computed or server-side only).
 */
export type XmlMapping =
  | { readonly kind: 'attribute'; readonly name: string; readonly aliases?: readonly string[]; readonly variable?: { readonly name: string; readonly hidden?: boolean } }
  | { readonly kind: 'variable'; readonly name: string; readonly hidden?: boolean }
  | { readonly kind: 'childAttribute'; readonly element: string; readonly name: string }
  | { readonly kind: 'steps' }
  | { readonly kind: 'operands' }
  | { readonly kind: 'condition' }
  | { readonly kind: 'none' };

export interface PropertyDef {
  /** The WMI property name, PascalCase as WMI spells it. */
  readonly name: string;
  readonly type: ValueType;
  /** True for WMI array properties (string[] or embedded object[]). */
  readonly array?: boolean;
  /** For embedded-object arrays: the embedded class (e.g. SMS_TaskSequence_PartitionSettings). */
  readonly embedded?: string;
  /** The class default; applies when the property is absent. */
  readonly default?: ScalarValue;
  /** ValueMap: the allowed values, compared case-insensitively. */
  readonly allowed?: readonly string[];
  /** Not_Null: a value must be present. */
  readonly required?: boolean;
  /** Secret (passwords) or QuasiSecret (product keys): never shown, logged or journalled. */
  readonly secret?: 'secret' | 'quasiSecret';
  /** AllowedLen(min-max) for strings. */
  readonly length?: readonly [number, number];
  /** ValueRange(min-max) for numbers. */
  readonly range?: readonly [number, number];
  /** CommandLineArg(n): the property fills `%n` of the class command line. */
  readonly commandLineArg?: number;
  /** Global: also written in the sequence-level `<globalVarList>`. */
  readonly global?: boolean;
  readonly deprecated?: boolean;
  readonly description?: string;
  readonly xml: XmlMapping;
}

/** What role a class plays; decides which XML element and which reader/writer path it uses. */
export type ClassRole =
  | 'sequence'
  | 'step'
  | 'group'
  | 'action'
  | 'pointer'
  | 'condition'
  | 'operand'
  | 'expression'
  | 'operator'
  | 'embedded'
  | 'package'
  | 'ruleExpression';

export interface ClassDef {
  /** WMI class name, the model's `__CLASS` discriminator. */
  readonly name: string;
  /** Parent class; properties are inherited along this chain. */
  readonly parent: string | null;
  readonly role: ClassRole;
  readonly abstract?: boolean;
  /** The console's name for the step ("Run Command Line"). */
  readonly displayName?: string;
  readonly description?: string;
  /** ActionCategory: console menu (General, Software, Disks, User State, Images, Drivers, Settings). */
  readonly category?: string;
  /** The `<action>` line as ConfigMgr writes it, from the class CommandLine qualifier (REFERENCE.md §2.1). */
  readonly commandLine?: string;
  /** VariablePrefix qualifier, for documentation. */
  readonly variablePrefix?: string;
  /** The XML element for steps of this class: `step` (default for actions), `subtasksequence`, `group`. */
  readonly element?: 'step' | 'group' | 'subtasksequence';
  /** Class default of SupportedEnvironment (runIn). */
  readonly defaultRunIn?: 'WinPE' | 'FullOS' | 'WinPEandFullOS';
  /** Class default success codes (successCodeList), space separated. */
  readonly defaultSuccessCodes?: string;
  /** Class default retryCount attribute. */
  readonly defaultRetryCount?: number;
  /** Actions that ConfigMgr no longer offers or that MDT retired. */
  readonly deprecated?: boolean;
  /** `SequenceCategory("OSD")`: a sequence holding this class deploys an OS (Type 2). */
  readonly osd?: boolean;
  /** Where the class comes from: the ConfigMgr SDK, MDT's custom actions, or observed only. */
  readonly source?: 'configmgr' | 'mdt' | 'observed';
  /** Own properties (not inherited ones). */
  readonly properties: readonly PropertyDef[];
}
