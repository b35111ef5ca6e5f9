import { Argument, type Command, type Option } from 'commander';
import type { CommandContext } from '../main.js';

/**
 * `tseq completion bash|zsh|powershell`: a completion script made from the program itself (its commands,
 * their options, option values and arguments), so it stays true as commands are added. File arguments
 * and options whose value is a file complete as files; options with declared choices complete those.
 */
export function registerCompletion(program: Command, ctx: CommandContext): void {
  program
    .command('completion')
    .description('Print a shell completion script for bash, zsh or PowerShell, made from the commands and options of this tseq. The script says how to load it.')
    .addArgument(new Argument('<shell>', 'bash, zsh or powershell').choices(SHELLS))
    .action((shell: Shell) => {
      const spec = describeProgram(program);
      ctx.out(shell === 'bash' ? bashScript(spec) : shell === 'zsh' ? zshScript(spec) : powershellScript(spec));
    });
}

export const SHELLS = ['bash', 'zsh', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];

// ---- what the program offers, in shell-neutral form ----

/** What an option's value completes to: nothing (a flag), a file, a folder, one of a list, or anything. */
export type ValueKind = { kind: 'none' } | { kind: 'file' } | { kind: 'dir' } | { kind: 'any'; placeholder: string } | { kind: 'choices'; choices: readonly string[] };

/** What a command's arguments complete to. */
export type ArgumentsKind = { kind: 'none' } | { kind: 'files' } | { kind: 'commands' } | { kind: 'choices'; name: string; choices: readonly string[] };

export interface OptionSpec {
  readonly short?: string;
  readonly long?: string;
  readonly description: string;
  readonly value: ValueKind;
  /** The option may be given more than once (--var). */
  readonly repeatable: boolean;
}

export interface CommandSpec {
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionSpec[];
  readonly args: ArgumentsKind;
}

export interface ProgramSpec {
  readonly name: string;
  readonly options: readonly OptionSpec[];
  readonly commands: readonly CommandSpec[];
}

export function describeProgram(program: Command): ProgramSpec {
  const help = program.createHelp();
  const commands = help.visibleCommands(program).map((cmd): CommandSpec => {
    const names = [cmd.name(), ...cmd.aliases()];
    return { name: names[0]!, description: firstSentence(cmd.description()), options: help.visibleOptions(cmd).map(describeOption), args: describeArguments(cmd) };
  });
  return { name: program.name(), options: help.visibleOptions(program).map(describeOption), commands };
}

function describeOption(o: Option): OptionSpec {
  return {
    ...(o.short ? { short: o.short } : {}),
    ...(o.long ? { long: o.long } : {}),
    description: oneLine(o.description),
    value: valueKind(o),
    repeatable: o.variadic || Array.isArray(o.defaultValue),
  };
}

/** A value's kind, from its declared choices or, failing those, from the name of its placeholder. */
function valueKind(o: Option): ValueKind {
  if (!o.required && !o.optional) return { kind: 'none' };
  if (o.argChoices && o.argChoices.length > 0) return { kind: 'choices', choices: o.argChoices };
  const placeholder = /[<[]([^>\]]+)[>\]]/.exec(o.flags)?.[1] ?? 'value';
  if (/dir|folder/i.test(placeholder)) return { kind: 'dir' };
  if (/file|path|\.(json|js|mjs|log|xml|ts)$/i.test(placeholder)) return { kind: 'file' };
  return { kind: 'any', placeholder };
}

function describeArguments(cmd: Command): ArgumentsKind {
  if (cmd.name() === 'help') return { kind: 'commands' };
  const first = cmd.registeredArguments[0];
  if (!first) return { kind: 'none' };
  if (first.argChoices && first.argChoices.length > 0) return { kind: 'choices', name: first.name(), choices: first.argChoices };
  return { kind: 'files' };
}

/** An option's description on one line, shortened when long. */
function oneLine(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 90 ? one.slice(0, 87).trimEnd() + '...' : one;
}

/** The first clause of a description (up to a `.`, `:` or `;` outside parentheses), for a one-line hint. */
function firstSentence(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  let depth = 0;
  let end = one.length;
  for (let i = 0; i < one.length; i++) {
    const c = one[i]!;
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === '.' || c === ':' || c === ';') && (i + 1 === one.length || one[i + 1] === ' ')) {
      end = i;
      break;
    }
  }
  return oneLine(one.slice(0, end));
}

function optionNames(o: OptionSpec): string[] {
  return [o.short, o.long].filter((n): n is string => n !== undefined);
}

// ---- bash ----

/** A word in single quotes, for any POSIX shell. */
function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function bashValueCase(options: readonly OptionSpec[], indent: string): string[] {
  const lines: string[] = [];
  for (const o of options) {
    if (o.value.kind === 'none') continue;
    const pattern = optionNames(o).join('|');
    const action =
      o.value.kind === 'file'
        ? '_tseq_files -f'
        : o.value.kind === 'dir'
          ? '_tseq_files -d'
          : o.value.kind === 'choices'
            ? `COMPREPLY=($(compgen -W ${sq(o.value.choices.join(' '))} -- "$cur"))`
            : ':';
    lines.push(`${indent}${pattern}) ${action}; return 0 ;;`);
  }
  return lines;
}

export function bashScript(spec: ProgramSpec): string {
  const fn = `_${spec.name}_complete`;
  const words = (options: readonly OptionSpec[]) => sq(options.flatMap(optionNames).join(' '));
  const out: string[] = [
    `# bash completion for ${spec.name}, generated by \`${spec.name} completion bash\`. Load it with`,
    `#   source <(${spec.name} completion bash)`,
    `# in ~/.bashrc, or save it as ~/.local/share/bash-completion/completions/${spec.name}`,
    '',
    '_tseq_files() {',
    "  local IFS=$'\\n'",
    '  COMPREPLY=($(compgen "$1" -- "$cur"))',
    '}',
    '',
    `${fn}() {`,
    '  local cur prev cmd i',
    '  COMPREPLY=()',
    '  cur=${COMP_WORDS[COMP_CWORD]}',
    '  prev=${COMP_WORDS[COMP_CWORD-1]}',
    '  cmd=',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    case ${COMP_WORDS[i]} in',
    '      -*) ;;',
    '      *) cmd=${COMP_WORDS[i]}; break ;;',
    '    esac',
    '  done',
    '  case $cmd in',
    "    '')",
    '      if [[ $cur == -* ]]; then',
    `        COMPREPLY=($(compgen -W ${words(spec.options)} -- "$cur"))`,
    '      else',
    `        COMPREPLY=($(compgen -W ${sq(spec.commands.map((c) => c.name).join(' '))} -- "$cur"))`,
    '      fi',
    '      ;;',
  ];
  for (const c of spec.commands) {
    out.push(`    ${sq(c.name)})`);
    const values = bashValueCase(c.options, '        ');
    if (values.length > 0) out.push('      case $prev in', ...values, '      esac');
    out.push('      if [[ $cur == -* ]]; then', `        COMPREPLY=($(compgen -W ${words(c.options)} -- "$cur"))`);
    if (c.args.kind === 'files') out.push('      else', '        _tseq_files -f');
    else if (c.args.kind === 'commands') out.push('      else', `        COMPREPLY=($(compgen -W ${sq(spec.commands.map((x) => x.name).join(' '))} -- "$cur"))`);
    else if (c.args.kind === 'choices') out.push('      else', `        COMPREPLY=($(compgen -W ${sq(c.args.choices.join(' '))} -- "$cur"))`);
    out.push('      fi', '      ;;');
  }
  out.push('  esac', '  return 0', '}', '', `complete -o filenames -F ${fn} ${spec.name}`, '');
  return out.join('\n');
}

// ---- zsh ----

/** Text for inside an _arguments `[description]` or a `name:description` pair, in single quotes. */
function zshText(s: string): string {
  return s.replace(/[[\]]/g, (c) => (c === '[' ? '(' : ')')).replace(/\\/g, '/').replace(/:/g, ' -').replace(/'/g, `'\\''`);
}

function zshValueAction(v: ValueKind): string {
  switch (v.kind) {
    case 'file':
      return ':file:_files';
    case 'dir':
      return ':folder:_files -/';
    case 'choices':
      return `:value:(${v.choices.map((c) => c.replace(/[\s()'\\]/g, '\\$&')).join(' ')})`;
    case 'any':
      return `:${zshText(v.placeholder)}: `;
    case 'none':
      return '';
  }
}

function zshOptionSpecs(o: OptionSpec): string[] {
  const names = optionNames(o);
  const exclusion = o.repeatable ? '*' : names.length > 1 ? `(${names.join(' ')})` : '';
  const action = zshValueAction(o.value);
  return names.map((n) => {
    const suffix = o.value.kind === 'none' ? '' : n.startsWith('--') ? '=' : '+';
    return `'${exclusion}${n}${suffix}[${zshText(o.description)}]${action}'`;
  });
}

export function zshScript(spec: ProgramSpec): string {
  const fn = `_${spec.name}`;
  const out: string[] = [
    `#compdef ${spec.name}`,
    `# zsh completion for ${spec.name}, generated by \`${spec.name} completion zsh\`. Save it as ${fn} in a folder`,
    `# on $fpath (before compinit runs), or load it with: source <(${spec.name} completion zsh)`,
    '',
    `${fn}_commands() {`,
    '  local -a commands',
    '  commands=(',
    ...spec.commands.map((c) => `    '${zshText(c.name)}:${zshText(c.description)}'`),
    '  )',
    `  _describe -t commands '${spec.name} command' commands`,
    '}',
    '',
    `${fn}() {`,
    '  local curcontext=$curcontext state line ret=1',
    '  typeset -A opt_args',
    '  _arguments -C \\',
    ...spec.options.flatMap((o) => optionNames(o).map((n) => `    '(- *)${n}[${zshText(o.description)}]' \\`)),
    `    '1: :${fn}_commands' \\`,
    "    '*:: :->args' && ret=0",
    '  case $state in',
    '    args)',
    `      curcontext=\${curcontext%:*:*}:${spec.name}-$words[1]:`,
    '      case $words[1] in',
  ];
  for (const c of spec.commands) {
    const specs = c.options.flatMap(zshOptionSpecs);
    if (c.args.kind === 'files') specs.push("'*:file:_files'");
    else if (c.args.kind === 'commands') specs.push(`'1: :${fn}_commands'`);
    else if (c.args.kind === 'choices') specs.push(`'1:${zshText(c.args.name)}:(${c.args.choices.join(' ')})'`);
    out.push(`        ${c.name})`, '          _arguments \\', ...specs.map((s, i) => `            ${s}${i < specs.length - 1 ? ' \\' : ' && ret=0'}`), '          ;;');
  }
  out.push(
    '      esac',
    '      ;;',
    '  esac',
    '  return ret',
    '}',
    '',
    'if [[ $zsh_eval_context[-1] == loadautofunc ]]; then',
    `  ${fn} "$@"`,
    'else',
    `  compdef ${fn} ${spec.name}`,
    'fi',
    '',
  );
  return out.join('\n');
}

// ---- PowerShell ----

/** A PowerShell single-quoted string. */
function ps(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function psArray(items: readonly string[]): string {
  return `@(${items.map(ps).join(', ')})`;
}

/** An option's value kind: 'none', 'file', 'dir', 'any', or the array of its choices. */
function psValue(v: ValueKind): string {
  return v.kind === 'choices' ? psArray(v.choices) : ps(v.kind);
}

/**
 * Options as one object each (Name, Tip, Value), one per line inside @( ): an array even with one element,
 * and no hashtable whose case-insensitive keys could make `-c` and `-C` collide.
 */
function psOptions(lead: string, options: readonly OptionSpec[], indent: string): string[] {
  const rows = options.flatMap((o) => optionNames(o).map((n) => `${indent}    [pscustomobject]@{ Name = ${ps(n)}; Tip = ${ps(o.description || n)}; Value = ${psValue(o.value)} }`));
  return rows.length === 0 ? [`${indent}${lead}@()`] : [`${indent}${lead}@(`, ...rows, `${indent})`];
}

export function powershellScript(spec: ProgramSpec): string {
  const operands = (a: ArgumentsKind): string => (a.kind === 'choices' ? psArray(a.choices) : ps(a.kind));
  const out: string[] = [
    `# PowerShell completion for ${spec.name}, generated by \`${spec.name} completion powershell\`. Load it with`,
    `#   ${spec.name} completion powershell | Out-String | Invoke-Expression`,
    '# (add that line to $PROFILE to keep it).',
    '',
    `Register-ArgumentCompleter -Native -CommandName ${ps(spec.name)} -ScriptBlock {`,
    '    param($wordToComplete, $commandAst, $cursorPosition)',
    '',
    ...psOptions('$globalOptions = ', spec.options, '    '),
    '    $commands = [ordered]@{',
  ];
  for (const c of spec.commands) {
    out.push(`        ${ps(c.name)} = @{`, `            Tip = ${ps(c.description || c.name)}`, `            Operands = ${operands(c.args)}`);
    out.push(...psOptions('Options = ', c.options, '            '), '        }');
  }
  out.push(
    '    }',
    '',
    '    $word = [string]$wordToComplete',
    '    $before = @($commandAst.CommandElements | Select-Object -Skip 1 | Where-Object { $_.Extent.EndOffset -lt $cursorPosition } | ForEach-Object { $_.Extent.Text })',
    "    $command = $before | Where-Object { -not $_.StartsWith('-') } | Select-Object -First 1",
    '    $previous = if ($before.Count -gt 0) { $before[-1] } else { $null }',
    '',
    '    $startsWithWord = { param($text) $text.StartsWith($word, [System.StringComparison]::OrdinalIgnoreCase) }',
    '    $offerOptions = {',
    '        param($options)',
    '        foreach ($o in $options) {',
    "            if (& $startsWithWord $o.Name) { [System.Management.Automation.CompletionResult]::new($o.Name, $o.Name, 'ParameterName', $o.Tip) }",
    '        }',
    '    }',
    '    $offerValues = {',
    '        param($values)',
    '        foreach ($v in $values) {',
    "            if (& $startsWithWord $v) { [System.Management.Automation.CompletionResult]::new($v, $v, 'ParameterValue', $v) }",
    '        }',
    '    }',
    '    $offerCommands = {',
    '        foreach ($name in $commands.Keys) {',
    "            if (& $startsWithWord $name) { [System.Management.Automation.CompletionResult]::new($name, $name, 'Command', $commands[$name]['Tip']) }",
    '        }',
    '    }',
    '    $offerFiles = { [System.Management.Automation.CompletionCompleters]::CompleteFilename($word) }',
    '',
    '    if (-not $command) {',
    "        if ($word.StartsWith('-')) { & $offerOptions $globalOptions } else { & $offerCommands }",
    '        return',
    '    }',
    '    $spec = $commands[$command]',
    '    if (-not $spec) { return }',
    '    $option = $null',
    "    if ($previous) { $option = $spec['Options'] | Where-Object { $_.Name -ceq $previous } | Select-Object -First 1 }",
    '    if ($option) {',
    '        $kind = $option.Value',
    '        if ($kind -is [array]) { & $offerValues $kind; return }',
    "        if ($kind -eq 'file' -or $kind -eq 'dir') { & $offerFiles; return }",
    "        if ($kind -eq 'any') { return }",
    '    }',
    "    if ($word.StartsWith('-')) { & $offerOptions $spec['Options']; return }",
    "    $operands = $spec['Operands']",
    '    if ($operands -is [array]) { & $offerValues $operands }',
    "    elseif ($operands -eq 'commands') { & $offerCommands }",
    "    elseif ($operands -eq 'files') { & $offerFiles }",
    '}',
    '',
  );
  return out.join('\n');
}
