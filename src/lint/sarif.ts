import { LINT_RULES, ruleDocsPath } from './rules/index.js';
import type { Finding, LintSeverity } from './types.js';

/**
 * SARIF 2.1.0 (OASIS), the format code scanning reads: one run, tool.driver describing every rule
 * (id, short description, help URI, default level), one result per finding located at the step or
 * group it concerns. Pure: the caller gives the artifact URIs and where the rule pages live.
 */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifArtifact {
  /** The file's URI as results name it: relative to the base (`uriBaseId`) when given, else absolute. */
  readonly uri: string;
  readonly uriBaseId?: string;
  readonly findings: readonly Finding[];
}

export interface SarifOptions {
  /** Absolute URI of the folder holding the rule pages (`…/docs/rules/`); each rule's helpUri is `<base><id>.md`. */
  readonly helpBaseUri: string;
  /** Absolute URIs of the uriBaseIds used by the artifacts (`{ SRCROOT: "file:///work/" }`). */
  readonly uriBases?: Readonly<Record<string, string>>;
  readonly toolVersion?: string;
  /** Files that could not be read, as notifications: the run did not lint everything. */
  readonly failures?: readonly { readonly uri: string; readonly uriBaseId?: string; readonly message: string }[];
}

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: LintSeverity): SarifLevel {
  return severity === 'info' ? 'note' : severity;
}

export function toSarif(artifacts: readonly SarifArtifact[], options: SarifOptions): object {
  const base = options.helpBaseUri.endsWith('/') ? options.helpBaseUri : `${options.helpBaseUri}/`;
  const rules = LINT_RULES.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase()),
    shortDescription: { text: r.description },
    helpUri: `${base}${r.id}.md`,
    help: { text: `See ${ruleDocsPath(r.id)}.` },
    defaultConfiguration: { level: sarifLevel(r.defaultSeverity) },
  }));
  const index = new Map(LINT_RULES.map((r, i) => [r.id, i]));
  const results = artifacts.flatMap((a) =>
    a.findings.map((f) => ({
      ruleId: f.rule,
      ruleIndex: index.get(f.rule) ?? -1,
      level: sarifLevel(f.severity),
      message: { text: f.hint ? `${f.message} (${f.hint})` : f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: a.uri, ...(a.uriBaseId ? { uriBaseId: a.uriBaseId } : {}) },
            region: { startLine: f.line ?? 1, startColumn: f.column ?? 1 },
          },
          ...(f.path ? { logicalLocations: [{ name: f.stepName ?? f.path, fullyQualifiedName: `step ${f.path}`, kind: 'element' }] } : {}),
        },
      ],
    })),
  );
  const failures = options.failures ?? [];
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tseq',
            ...(options.toolVersion ? { version: options.toolVersion, semanticVersion: options.toolVersion } : {}),
            informationUri: `${base}README.md`,
            rules,
          },
        },
        ...(options.uriBases && Object.keys(options.uriBases).length
          ? { originalUriBaseIds: Object.fromEntries(Object.entries(options.uriBases).map(([k, uri]) => [k, { uri: uri.endsWith('/') ? uri : `${uri}/` }])) }
          : {}),
        invocations: [
          {
            executionSuccessful: failures.length === 0,
            toolExecutionNotifications: failures.map((f) => ({
              level: 'error',
              message: { text: f.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: f.uri, ...(f.uriBaseId ? { uriBaseId: f.uriBaseId } : {}) } } }],
            })),
          },
        ],
        results,
      },
    ],
  };
}
