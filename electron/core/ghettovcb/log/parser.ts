import { FINAL_STATUS_EXIT_CODES, LOG_TEMPLATES, type LogTemplateId } from './templates.ts';
import { compileTemplate, HoleSlots, TemplateIndex, type CompiledTemplate } from './matcher.ts';
import type { DryrunInfo, LogDisk, LogParseResult, LogRun, LogVm, RunFailureKind, VmOutcome } from './types.ts';

/**
 * Streaming ghettoVCB log parser. Feed text chunks split anywhere (mid-line, mid-`\r\n`, mid-progress);
 * the result is the same as for one big feed because state only changes per complete line.
 * It never throws on input: what no template knows is kept in `unrecognized`.
 *
 * Hot path: one sticky regular expression for the timestamp, the level and the longest template prefix (a trie,
 * matcher.ts), a slot lookup for the templates under that prefix, and `lastIndexOf` for the (long, `\r`-joined)
 * vmkfstools progress lines. A line is read in place in
 * its chunk: only the values a run keeps are copied out.
 */

const KEEP_UNRECOGNIZED = 1000;
const KEEP_TEXT = 2000;
/** CONFIG keys remembered by their place in the dump (ghettoVCB prints about 40). */
const MAX_CONFIG_KEYS = 256;
/** A longer line is cut to this many characters (and counted in `linesCut`): input size never sets memory. */
export const MAX_LINE_CHARS = 1 << 20;

export interface LogParserOptions {
  /**
   * Called with each run once it is over (a later run began, or `end()`); the parser then forgets it, so a log
   * of any length is parsed in the memory of one run. Without it, runs are kept and returned by `end()`.
   */
  onRun?: (run: LogRun) => void;
  /**
   * Lines of the log before the first one fed: the text starts further in (a piece cut at `lastRunCut`), and line
   * numbers count from the start of the log.
   */
  linesBefore?: number;
}

const SPECIAL: ReadonlySet<LogTemplateId> = new Set<LogTemplateId>(['cloneCommand', 'dryrunDisk', 'capacityContinuation']);

const FAILURE_BY_TEMPLATE: ReadonlyMap<LogTemplateId, RunFailureKind> = new Map<LogTemplateId, RunFailureKind>([
  ['lockFailed', 'lock'],
  ['notRoot', 'notRoot'],
  ['notRootEcho', 'notRoot'],
  ['badVmList', 'badVmList'],
  ['badExclusionList', 'badExclusionList'],
  ['badConfigDir', 'badConfigDir'],
  ['badGlobalConfig', 'badGlobalConfig'],
  ['noVimCmd', 'noVimCmd'],
  ['unsupportedVersion', 'unsupportedVersion'],
  ['argumentCount', 'argumentCount'],
  ['optionMissingArgument', 'optionMissingArgument'],
  ['unsafeWorkdir', 'unsafeWorkdir'],
  ['noBackupVolume', 'noBackupVolume'],
  ['badNfsBackupDir', 'badNfsBackupDir'],
  ['backupDirNotCreated', 'backupDirNotCreated'],
]);

/** Lines printed before LOG START: when the current run already has content, they begin the next one. */
const RUN_OPENERS: ReadonlySet<LogTemplateId> = new Set<LogTemplateId>(['logStart', 'loggingTo', 'workdirKept', 'lockFailed']);
/** Lines that still belong to a run after its LOG END. */
const AFTER_END: ReadonlySet<LogTemplateId> = new Set<LogTemplateId>(['emailFirewall', 'emailFirewallHelp', 'emailFailed']);

/** A compiled template with what the parser asks of its id on every line, looked up once here. */
interface LineTemplate extends CompiledTemplate<LogTemplateId> {
  readonly failure: RunFailureKind | null;
  /** How the line places itself among runs: `runFor`'s RUN_OPENERS / AFTER_END / other. */
  readonly role: RunRole;
}

/** `runFor`'s three kinds of line: one that may begin a run, one that may follow LOG END, any other. */
const ANY_LINE = 0;
const OPENS_RUN = 1;
const AFTER_LOG_END = 2;
type RunRole = typeof ANY_LINE | typeof OPENS_RUN | typeof AFTER_LOG_END;

function roleOf(id: LogTemplateId): RunRole {
  return RUN_OPENERS.has(id) ? OPENS_RUN : AFTER_END.has(id) ? AFTER_LOG_END : ANY_LINE;
}

const HOLES = new HoleSlots();

function buildIndex(raw: boolean): TemplateIndex<LineTemplate> {
  const compiled = (Object.keys(LOG_TEMPLATES) as LogTemplateId[])
    .filter((id) => !SPECIAL.has(id) && (LOG_TEMPLATES[id].level === 'raw') === raw)
    .map((id) => ({ ...compileTemplate(id, LOG_TEMPLATES[id].text.trimEnd(), HOLES), failure: FAILURE_BY_TEMPLATE.get(id) ?? null, role: roleOf(id) }));
  return new TemplateIndex(compiled);
}
const TIMESTAMPED = buildIndex(false);
const RAW = buildIndex(true);

/** The values of the line being applied, by hole name: `V[VM]` is its `{vm}`. */
const V = HOLES.values;
const VM = HOLES.slot('vm');
const PATH = HOLES.slot('path');
const WORKDIR = HOLES.slot('workdir');
const VERSION = HOLES.slot('version');
const LEVEL = HOLES.slot('level');
const HOSTNAME = HOLES.slot('hostname');
const KEY = HOLES.slot('key');
const VALUE = HOLES.slot('value');
const SNAPSHOT = HOLES.slot('snapshot');
const SOURCE = HOLES.slot('source');
const FORMAT = HOLES.slot('format');
const STATUS = HOLES.slot('status');
const SIZE = HOLES.slot('size');
const OK = HOLES.slot('ok');
const FAILED = HOLES.slot('failed');
const VMDK_FAILED = HOLES.slot('vmdkFailed');

type InternalVm = Omit<LogVm, 'outcome'> & { outcome: VmOutcome | null; pendingReason: string | null };
type InternalRun = Omit<LogRun, 'vms' | 'aborted' | 'exitCode'> & { vms: InternalVm[] };

/** Order of the pieces of one vmkfstools output block; a piece that does not come later starts a new disk. */
const DISK_STAGES = { command: 1, adapter: 2, format: 3, cloning: 4, progress: 5 } as const;
type DiskStage = keyof typeof DISK_STAGES;

class RunState {
  readonly run: InternalRun;
  closed = false;
  currentVm: InternalVm | null = null;
  /** The latest VM of each name (a name may come back, e.g. a retry in the same run). */
  readonly vmByName = new Map<string, InternalVm>();
  disk: LogDisk | null = null;
  diskStage = 0;
  /** Disk output seen before any VM line (log fragments); handed to the first VM that appears. */
  orphanDisks: LogDisk[] = [];
  configDumps = 0;
  configTargets: Record<string, string>[] = [];
  pendingVm: { file: string | null; values: Record<string, string> } | null = null;
  inDryrunBlock = false;
  dryrunVm: InternalVm | null = null;
  dryrunList: 'disks' | 'independentDisks' | null = null;
  /** The last line with a timestamp (at `lastStampAt` in this text): the run's end time is read off it at the end. */
  lastStampText: string | null = null;
  lastStampAt = 0;

  constructor(line: number) {
    this.run = {
      firstLine: line,
      lastLine: line,
      host: { hostname: null, version: null, level: null },
      startedAt: null,
      endedAt: null,
      logFile: null,
      workdir: null,
      globalConfigFile: null,
      config: {},
      scriptVersion: null,
      pid: null,
      finalStatus: null,
      dryrun: false,
      logStart: false,
      logEnd: false,
      failure: null,
      vms: [],
      startupOrder: [],
      flags: null,
      emailErrors: [],
      unrecognized: [],
      unrecognizedCount: 0,
      linesCut: 0,
    };
  }

  hasBody(): boolean {
    const r = this.run;
    return (
      r.logStart || r.logEnd || r.failure !== null || r.finalStatus !== null || r.vms.length > 0 || this.configDumps > 0 ||
      this.orphanDisks.length > 0
    );
  }
}

/** `0`–`9`: only they give 0–9 once XORed with 48 (`NaN`, past the end of a string, gives 48). One compare. */
function isDigit(code: number): boolean {
  return (code ^ 48) < 10;
}

/**
 * `YYYY-MM-DD HH:MM:SS -- <level>: ` with a level ghettoVCB writes, the space after the colon optional, then the
 * longest template prefix the message starts with, if any (`TemplateIndex.prefixPattern`). Sticky: tried at the
 * start of a line in place, and its `lastIndex` is then where that prefix ends. One compiled regular expression
 * reads these characters faster than as many `charCodeAt` in JavaScript, and the prefix costs it next to nothing.
 */
const STAMPED = new RegExp(`\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d -- (?:info|debug|dryrun): ?(?:${TIMESTAMPED.prefixPattern})?`, 'y');

/**
 * When the line of `text` at `at` (ending at `end`) carries ghettoVCB's timestamp and a level it writes: the
 * index where the longest template prefix its message starts with ends (where the message starts if none); -1
 * otherwise.
 */
function stampedPrefixEnd(text: string, at: number, end: number): number {
  if (end - at < 27) return -1;
  STAMPED.lastIndex = at;
  return STAMPED.test(text) ? STAMPED.lastIndex : -1;
}

/** Where the message starts in a line at `at` that STAMPED matched: after `info:`, `debug:` or `dryrun:` and one space. */
function messageStart(text: string, at: number): number {
  const level = text.charCodeAt(at + 23) === 105 ? 4 : text.charCodeAt(at + 24) === 101 ? 5 : 6;
  const colon = at + 23 + level;
  return text.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1;
}

/** The `YYYY-MM-DD HH:MM:SS` of the line at `at` in `text`, when it carries ghettoVCB's timestamp. */
function stampOf(text: string | null, at: number): string | null {
  return text === null ? null : text.slice(at, at + 19);
}

function toNumber(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) ? n : null;
}

function newDisk(): LogDisk {
  return { source: null, destination: null, format: null, lastPercent: null, error: null, errorCode: null };
}

/** `… (13).` → 13; the error text keeps everything. */
function errorCodeOf(text: string): number | null {
  const m = /\((\d+)\)\.?\s*$/.exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * A copy of a short piece of a big chunk. A slice keeps its whole parent string alive; a kept unrecognised line
 * must not hold a megabyte chunk per line. Concatenating then slicing makes V8 flatten into a string of its own.
 */
function own(text: string): string {
  return (text + ' ').slice(0, -1);
}

function quoted(text: string, from: number): { value: string; end: number } | null {
  const open = text.indexOf('"', from);
  if (open < 0) return null;
  const close = text.indexOf('"', open + 1);
  if (close < 0) return null;
  return { value: text.slice(open + 1, close), end: close + 1 };
}

export class GhettoVcbLogParser {
  private readonly pending: string[] = [];
  private pendingLength = 0;
  /** The line being read is longer than MAX_LINE_CHARS: the rest of it is dropped. */
  private cutting = false;
  private lineNo = 0;
  private known = 0;
  private readonly done: LogRun[] = [];
  private cur: RunState | null = null;
  private finished = false;
  private readonly onRun: ((run: LogRun) => void) | null;
  /** The message of the line being applied: `messageText` from `messageFrom` to `messageTo`. */
  private messageText = '';
  private messageFrom = 0;
  private messageTo = 0;
  /** The text holding the line being applied at `stampAt`, when it carries ghettoVCB's timestamp. */
  private stampText: string | null = null;
  private stampAt = 0;
  /** The keys of the last CONFIG dump in order, and the place of the next one (`configKey`). */
  private readonly configKeys: string[] = [];
  private configKeyAt = 0;
  /** A CONFIG dump brought keys the last `configShape` does not have in that order. */
  private configKeysChanged = false;
  /**
   * A config object built by `Object.fromEntries` from a finished run's: V8 then keeps the chain of hidden classes
   * for those keys in that order, and the next runs' configs, filled one key at a time, follow it. Without it an
   * object given more than about 16 keys that way is turned into a slow hash table, and every store and every
   * `JSON.stringify` of it costs several times more. Held so that the chain stays alive.
   */
  private configShape: Record<string, string> | null = null;

  constructor(options: LogParserOptions = {}) {
    this.onRun = options.onRun ?? null;
    this.lineNo = options.linesBefore ?? 0;
  }

  /** Lines (or `\r` pieces) in ghettoVCB's timestamped format or known to a template: 0 means not a ghettoVCB log. */
  get recognizedLines(): number {
    return this.known;
  }

  /** Lines read so far, `linesBefore` included: the number of the last one. */
  get linesRead(): number {
    return this.lineNo;
  }

  /** Adds text; complete lines are parsed now, a trailing partial line waits for the next chunk. */
  feed(chunk: string): void {
    if (this.finished || chunk.length === 0) return;
    let start = 0;
    let nl = chunk.indexOf('\n');
    if (nl < 0) {
      this.hold(chunk);
      return;
    }
    if (this.pendingLength > 0 || this.cutting) {
      this.hold(chunk.slice(0, nl));
      this.flushPending();
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    while (nl >= 0) {
      if (nl - start > MAX_LINE_CHARS) {
        this.line(chunk, start, start + MAX_LINE_CHARS);
        this.countCut();
      } else {
        this.line(chunk, start, nl);
      }
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) this.hold(chunk.slice(start));
  }

  /** Flushes the last line and closes every run. Further feeds are ignored. */
  end(): LogParseResult {
    if (!this.finished) {
      if (this.pendingLength > 0 || this.cutting) this.flushPending();
      this.finished = true;
      if (this.cur) this.close(this.cur);
      this.cur = null;
    }
    return this.result();
  }

  /** The runs so far (none that `onRun` took); the last run is not called aborted while the stream may still grow. */
  result(): LogParseResult {
    if (this.cur === null) return { runs: [...this.done] };
    // The open run keeps changing: hand out a copy.
    return { runs: [...this.done, finalizeRun(this.cur, true)] };
  }

  private hold(text: string): void {
    if (this.cutting) return;
    const room = MAX_LINE_CHARS - this.pendingLength;
    if (text.length > room) {
      this.pending.push(text.slice(0, room));
      this.pendingLength = MAX_LINE_CHARS;
      this.cutting = true;
      return;
    }
    this.pending.push(text);
    this.pendingLength += text.length;
  }

  private flushPending(): void {
    const line = this.pending.length === 1 ? (this.pending[0] ?? '') : this.pending.join('');
    const cut = this.cutting;
    this.pending.length = 0;
    this.pendingLength = 0;
    this.cutting = false;
    this.line(line, 0, line.length);
    if (cut) this.countCut();
  }

  private countCut(): void {
    (this.cur ?? this.newRun()).run.linesCut++;
  }

  private close(state: RunState): void {
    state.closed = true;
    if (this.configKeysChanged) {
      this.configKeysChanged = false;
      this.configShape = Object.fromEntries(Object.entries(state.run.config));
    }
    const run = finalizeRun(state, false);
    if (this.onRun) this.onRun(run);
    else this.done.push(run);
  }

  /**
   * What is being copied right now, including the partial line vmkfstools is still writing (`Clone: 41% done.\r`
   * arrives without a newline until the disk finishes). Read-only: parsing state is untouched.
   */
  live(): { vm: string | null; source: string | null; percent: number | null } {
    const state = this.cur;
    const vm = state?.currentVm ?? null;
    let percent = state?.disk?.lastPercent ?? null;
    let tail = '';
    for (let i = this.pending.length - 1; i >= 0 && tail.length < 32; i--) tail = (this.pending[i] ?? '') + tail;
    const at = tail.lastIndexOf('% done.');
    if (at > 0) {
      let start = at;
      while (start > 0 && isDigit(tail.charCodeAt(start - 1))) start--;
      if (start < at) percent = Number(tail.slice(start, at));
    }
    return { vm: vm?.name ?? null, source: state?.disk?.source ?? null, percent };
  }

  // ---------------------------------------------------------------- lines

  /**
   * The line of `text` from `from` to `to` (its newline excluded). The timestamp and the template are read in
   * place: on a line cut out of the chunk every character read costs more.
   */
  private line(text: string, from: number, to: number): void {
    this.lineNo++;
    const end = to > from && text.charCodeAt(to - 1) === 13 ? to - 1 : to;
    if (end - from < 4 && (end === from || text.slice(from, end).trim() === '')) {
      this.blank();
      return;
    }
    const prefixEnd = stampedPrefixEnd(text, from, end);
    if (prefixEnd >= 0) {
      this.timestamped(text, from, messageStart(text, from), prefixEnd, end, text.charCodeAt(from + 24) === 114);
      return;
    }
    // vmkfstools starts every progress step with a carriage return, the first one included.
    let lead = from;
    while (lead < end && text.charCodeAt(lead) === 13) lead++;
    if (end - lead >= 7 && text.startsWith('Clone: ', lead)) {
      this.progress(text, end);
      return;
    }
    const line = from === 0 && end === text.length ? text : text.slice(from, end);
    if (line.includes('\r')) {
      // vmkfstools output whose pieces were joined by carriage returns instead of newlines.
      for (const piece of line.split('\r')) if (piece.length > 0) this.rawPiece(piece);
      return;
    }
    this.rawPiece(line);
  }

  private blank(): void {
    const state = this.cur;
    if (state && state.disk && state.diskStage >= DISK_STAGES.cloning) state.disk = null;
  }

  /**
   * `stampText`: the text holding the line at `stampAt` when the line carries ghettoVCB's timestamp; its 19
   * characters are only copied out when read.
   */
  private touch(state: RunState, stampText: string | null, stampAt: number): void {
    this.known++;
    state.run.lastLine = this.lineNo;
    if (stampText !== null) {
      state.run.startedAt ??= stampOf(stampText, stampAt);
      state.lastStampText = stampText;
      state.lastStampAt = stampAt;
    }
  }

  private newRun(): RunState {
    if (this.cur) this.close(this.cur);
    const state = new RunState(this.lineNo);
    this.cur = state;
    return state;
  }

  /** The run a recognised line belongs to. */
  private runFor(role: RunRole): RunState {
    const cur = this.cur;
    if (cur === null) return this.newRun();
    if (role === OPENS_RUN) return cur.hasBody() ? this.newRun() : cur;
    if (cur.run.logEnd && role !== AFTER_LOG_END) return this.newRun();
    return cur;
  }

  /** The line of `text` from `from` to `end`; `stamped`: it carries ghettoVCB's timestamp. */
  private unrecognized(text: string, from: number, end: number, stamped: boolean): void {
    const state = this.cur ?? this.newRun();
    this.touch(state, stamped ? text : null, from);
    // Only a line in the logger's own format says ghettoVCB wrote it.
    if (!stamped) this.known--;
    const run = state.run;
    if (run.unrecognizedCount < KEEP_UNRECOGNIZED) {
      run.unrecognized.push({ line: this.lineNo, text: own(text.slice(from, Math.min(end, from + KEEP_TEXT))) });
    }
    run.unrecognizedCount++;
  }

  /** The line of `text` from `from` to `end`, with ghettoVCB's timestamp and its message starting at `start`. */
  private timestamped(text: string, from: number, start: number, prefixEnd: number, end: number, isDryrun: boolean): void {
    // A line cut at MAX_LINE_CHARS may end inside the prefix the expression read past it.
    let hit = prefixEnd <= end ? TIMESTAMPED.matchAfterPrefix(text, start, prefixEnd, end) : TIMESTAMPED.match(text, start, end);
    let message = text;
    let messageFrom = start;
    let messageTo = end;
    if (hit === null) {
      message = text.slice(start, end);
      messageFrom = 0;
      messageTo = message.length;
      const trimmed = message.trimEnd();
      if (trimmed.length === 0) {
        // `-- info: ` alone: the blank after an echo, or the empty Final status of a lock failure.
        if (this.cur) this.touch(this.cur, text, from);
        return;
      }
      if (trimmed !== message) hit = TIMESTAMPED.match(trimmed);
    }
    if (hit === null) {
      const c0 = message.charCodeAt(0);
      if ((c0 === 9 || c0 === 32) && this.cur?.dryrunList) {
        const state = this.cur;
        this.touch(state, text, from);
        this.dryrunDisk(state, message);
        return;
      }
      if (message.startsWith('SRC_DATASTORE') || message.startsWith('DST_DATASTORE')) {
        // #129: a doubled capacity value splits the line; the figures are not part of the model.
        if (this.cur) this.touch(this.cur, text, from);
        return;
      }
      if (message.includes('vmkfstools -i "')) {
        const state = this.runFor(ANY_LINE);
        this.touch(state, text, from);
        this.cloneCommand(state, message);
        return;
      }
      this.unrecognized(text, from, end, true);
      return;
    }
    const state = this.runFor(hit.role);
    this.touch(state, text, from);
    if (isDryrun) state.run.dryrun = true;
    this.apply(state, hit, message, messageFrom, messageTo, text, from);
  }

  private rawPiece(text: string): void {
    const hit = RAW.match(text);
    if (hit !== null) {
      const state = this.runFor(hit.role);
      this.touch(state, null, 0);
      this.apply(state, hit, text, 0, text.length, null, 0);
      return;
    }
    if (text.startsWith('Failed to ')) {
      const state = this.runFor(ANY_LINE);
      this.touch(state, null, 0);
      this.diskFailure(state, text);
      return;
    }
    if (text.endsWith(' GB') && toNumber(text.slice(0, -3)) !== null) {
      // #129: second value of the doubled capacity grep; says nothing new.
      if (this.cur) this.touch(this.cur, null, 0);
      return;
    }
    this.unrecognized(text, 0, text.length, false);
  }

  // ---------------------------------------------------------------- vmkfstools output

  private diskFor(state: RunState, stage: DiskStage): LogDisk {
    const value = DISK_STAGES[stage];
    let disk = state.disk;
    if (disk === null || (stage !== 'progress' && value <= state.diskStage)) {
      disk = newDisk();
      if (state.currentVm) state.currentVm.disks.push(disk);
      else state.orphanDisks.push(disk);
      state.disk = disk;
      state.diskStage = 0;
    }
    state.diskStage = Math.max(state.diskStage, value);
    return disk;
  }

  /** A vmkfstools progress line of `text` ending at `end`: `\r`-joined steps, the last one counts. */
  private progress(text: string, end: number): void {
    const state = this.runFor(ANY_LINE);
    this.touch(state, null, 0);
    // The line starts with `Clone: `, so the last one is in it.
    const at = text.lastIndexOf('Clone: ', end - 7);
    let pos = at + 7;
    let percent = 0;
    let digits = 0;
    while (pos < end && isDigit(text.charCodeAt(pos)) && digits < 4) {
      percent = percent * 10 + text.charCodeAt(pos) - 48;
      pos++;
      digits++;
    }
    const disk = this.diskFor(state, 'progress');
    if (digits > 0 && end - pos >= 7 && text.startsWith('% done.', pos)) {
      disk.lastPercent = percent;
      pos += 7;
    } else if (digits > 0 && pos < end && text.charCodeAt(pos) === 37) {
      disk.lastPercent = percent;
      pos += 1;
    }
    if (pos < end) {
      const rest = text.slice(pos, end).replace(/^[\r\s.]+/, '').trim();
      if (rest.length === 0) return;
      if (rest.startsWith('Failed to ')) this.diskFailure(state, rest);
      else this.unrecognized(rest, 0, rest.length, false);
    }
  }

  private diskFailure(state: RunState, text: string): void {
    const disk = this.diskFor(state, 'progress');
    const message = text.replace(/\r/g, ' ').trim();
    disk.error = message;
    disk.errorCode = errorCodeOf(message);
  }

  private cloneCommand(state: RunState, message: string): void {
    const disk = this.diskFor(state, 'command');
    const i = message.indexOf('vmkfstools -i "');
    const source = quoted(message, i + 13);
    if (source) disk.source = source.value;
    const lastClose = message.lastIndexOf('"');
    const lastOpen = lastClose > 0 ? message.lastIndexOf('"', lastClose - 1) : -1;
    if (source && lastOpen >= source.end) disk.destination = message.slice(lastOpen + 1, lastClose);
  }

  // ---------------------------------------------------------------- VMs

  private vm(state: RunState, name: string, opens: boolean): InternalVm {
    const current = state.currentVm;
    // Most lines name the VM being backed up: compare before hashing the name.
    const known = current !== null && current.name === name ? current : state.vmByName.get(name);
    if (known !== undefined && (!opens || known.outcome === null)) {
      state.currentVm = known;
      return known;
    }
    const vm: InternalVm = {
      name,
      outcome: null,
      reason: null,
      pendingReason: null,
      line: this.lineNo,
      startedAt: null,
      endedAt: null,
      durationSeconds: null,
      configFile: state.pendingVm?.file ?? null,
      config: state.pendingVm ? state.pendingVm.values : null,
      snapshotName: null,
      snapshotRemoved: false,
      consolidatedSnapshots: false,
      powerOff: null,
      poweredBackOn: false,
      compressed: null,
      disks: [],
      warnings: [],
      rotatedAway: [],
      dryrun: null,
    };
    state.pendingVm = null;
    state.configTargets = [];
    if (state.currentVm === null && state.orphanDisks.length > 0) {
      vm.disks.push(...state.orphanDisks);
      state.orphanDisks = [];
    }
    state.run.vms.push(vm);
    state.vmByName.set(name, vm);
    state.currentVm = vm;
    return vm;
  }

  /** The line being applied settles `vm`: its message is the reason, its time the end. */
  private settle(vm: InternalVm, outcome: VmOutcome): void {
    if (vm.outcome !== null) return;
    vm.outcome = outcome;
    vm.reason = vm.pendingReason ?? this.message;
    vm.endedAt = stampOf(this.stampText, this.stampAt);
  }

  private dryrunInfo(vm: InternalVm): DryrunInfo {
    vm.dryrun ??= { vmId: null, vmxPath: null, datastore: null, disks: [], independentDisks: [], totalSizeGb: null, notes: [] };
    return vm.dryrun;
  }

  private dryrunDisk(state: RunState, message: string): void {
    const vm = state.dryrunVm;
    const list = state.dryrunList;
    if (!vm || !list) return;
    const text = message.trim();
    let name = text;
    let sizeGb: number | null = null;
    if (text.endsWith(' GB')) {
      const body = text.slice(0, -3).trimEnd();
      const cut = Math.max(body.lastIndexOf('\t'), body.lastIndexOf(' '));
      if (cut > 0) {
        const size = toNumber(body.slice(cut + 1));
        if (size !== null) {
          sizeGb = size;
          name = body.slice(0, cut).trim();
        }
      }
    }
    this.dryrunInfo(vm)[list].push({ name, sizeGb });
  }

  // ---------------------------------------------------------------- template actions

  private get message(): string {
    const text = this.messageText;
    return this.messageFrom === 0 && this.messageTo === text.length ? text : text.slice(this.messageFrom, this.messageTo);
  }

  /**
   * `text` from `start` on is the message; it is copied only by the few actions that keep it. `ts` is the line
   * when it carries ghettoVCB's timestamp.
   */
  private apply(
    state: RunState,
    hit: LineTemplate,
    message: string,
    messageFrom: number,
    messageTo: number,
    stampText: string | null,
    stampAt: number,
  ): void {
    this.messageText = message;
    this.messageFrom = messageFrom;
    this.messageTo = messageTo;
    this.stampText = stampText;
    this.stampAt = stampAt;
    const run = state.run;
    const id = hit.id;
    if (hit.failure !== null) {
      run.failure ??= { kind: hit.failure, message: this.message };
      if (id === 'lockFailed') run.workdir = V[WORKDIR] ?? null;
      return;
    }
    const name = V[VM] ?? '';
    switch (id) {
      case 'logStart':
        run.logStart = true;
        return;
      case 'logEnd':
        run.logEnd = true;
        return;
      case 'loggingTo':
        run.logFile = V[PATH] ?? null;
        return;
      case 'lockAcquired':
      case 'workdirKept':
        run.workdir = V[WORKDIR] ?? null;
        return;
      case 'hostVersion':
        run.host.version = V[VERSION] ?? null;
        return;
      case 'hostLevel':
        run.host.level = V[LEVEL] ?? null;
        return;
      case 'hostname':
        run.host.hostname = V[HOSTNAME] ?? null;
        return;
      case 'globalConfigFile':
        run.globalConfigFile = V[PATH] ?? null;
        return;
      case 'vmConfigFile':
        state.pendingVm = { file: V[PATH] ?? null, values: {} };
        state.configTargets = [];
        return;
      case 'configValue':
        this.config(state, this.configKey(V[KEY] ?? ''), (V[VALUE] ?? '').trim());
        return;
      case 'excluded':
        this.settle(this.vm(state, name, true), 'excluded');
        return;
      case 'problemVm':
        this.settle(this.vm(state, name, true), 'power_off_failed');
        return;
      case 'notFound':
      case 'lookupFailed':
        this.settle(this.vm(state, name, true), 'not_found');
        return;
      case 'snapshotSkip':
        this.settle(this.vm(state, name, true), 'skipped_has_snapshot');
        return;
      case 'snapshotConsolidate':
        this.vm(state, name, true).consolidatedSnapshots = true;
        return;
      case 'vmdkNotFound':
        this.vm(state, name, false).warnings.push(this.message);
        return;
      case 'physicalRdm':
        this.vm(state, name, false).warnings.push(this.message);
        return;
      case 'noValidVmdks':
        this.settle(this.vm(state, name, false), 'no_valid_vmdks');
        return;
      case 'powerOffStart':
        this.vm(state, name, true).powerOff = 'requested';
        return;
      case 'hardPowerOff':
        this.vm(state, name, false).powerOff = 'hard';
        return;
      case 'poweredOff':
        if (state.currentVm?.powerOff === 'requested') state.currentVm.powerOff = 'graceful';
        return;
      case 'powerOffFailed': {
        const vm = this.vm(state, name, false);
        vm.powerOff = 'failed';
        this.settle(vm, 'power_off_failed');
        return;
      }
      case 'backupFailed':
        this.settle(this.vm(state, name, false), 'unknown');
        return;
      case 'initiate': {
        const vm = this.vm(state, name, true);
        vm.startedAt = stampOf(stampText, stampAt);
        state.disk = null;
        state.diskStage = 0;
        return;
      }
      case 'snapshotCreate':
        this.vm(state, name, false).snapshotName = V[SNAPSHOT] ?? null;
        return;
      case 'snapshotTimedOut':
        this.vm(state, name, false).pendingReason = this.message;
        return;
      case 'diskError':
        this.diskErrorLine(state, this.vm(state, name, false), V[SOURCE] ?? '', this.message);
        return;
      case 'wrongFormat': {
        const vm = this.vm(state, name, false);
        vm.warnings.push(this.message);
        vm.pendingReason ??= this.message;
        return;
      }
      case 'snapshotRemove':
        this.vm(state, name, false).snapshotRemoved = true;
        return;
      case 'powerBackOn':
        this.vm(state, name, false).poweredBackOn = true;
        return;
      case 'compressed':
        this.vm(state, name, false).compressed = true;
        return;
      case 'compressFailed': {
        const vm = this.vm(state, name, false);
        vm.compressed = false;
        vm.warnings.push(this.message);
        return;
      }
      case 'rotationRemove':
      case 'rotationDeleted':
        state.currentVm?.rotatedAway.push(V[PATH] ?? '');
        return;
      case 'rotationDeleteFailed':
      case 'rotationMoveFailed':
      case 'nfsHackFailed':
        state.currentVm?.warnings.push(this.message);
        return;
      case 'durationSeconds':
      case 'durationMinutes': {
        const value = toNumber(V[VALUE] ?? '');
        if (state.currentVm && value !== null) {
          state.currentVm.durationSeconds = Math.round(id === 'durationMinutes' ? value * 60 : value);
        }
        return;
      }
      case 'resultSnapshotError':
        this.settle(this.vm(state, name, false), 'error_snapshot');
        return;
      case 'resultVmdkError':
        this.settle(this.vm(state, name, false), 'error_vmdk');
        return;
      case 'resultIndependent':
        this.settle(this.vm(state, name, false), 'warn_independent_disks');
        return;
      case 'resultOk':
        this.settle(this.vm(state, name, false), 'ok');
        return;
      case 'adapterDeprecated':
        this.diskFor(state, 'adapter');
        return;
      case 'destinationFormat':
        this.diskFor(state, 'format').format = V[FORMAT] ?? null;
        return;
      case 'cloning': {
        const disk = this.diskFor(state, 'cloning');
        disk.source ??= V[SOURCE] ?? null;
        return;
      }
      case 'cloneFailed':
        this.diskFailure(state, this.message);
        return;
      case 'startupPowerOn':
        run.startupOrder.push({ name, poweredOn: null });
        return;
      case 'startupPoweredOn': {
        const last = run.startupOrder[run.startupOrder.length - 1];
        if (last) last.poweredOn = true;
        return;
      }
      case 'startupNoTools':
      case 'startupFailed': {
        const entry = [...run.startupOrder].reverse().find((s) => s.name === name);
        if (entry) entry.poweredOn = false;
        else run.startupOrder.push({ name, poweredOn: false });
        return;
      }
      case 'statusFlags':
        run.flags = { vmOk: V[OK] === '1', vmFailed: V[FAILED] === '1', vmdkFailed: V[VMDK_FAILED] === '1' };
        return;
      case 'finalStatus':
        run.finalStatus = V[STATUS] ?? '';
        if (run.finalStatus === 'OK, only a dryrun.') run.dryrun = true;
        return;
      case 'emailFirewall':
      case 'emailFirewallHelp':
      case 'emailFailed':
        run.emailErrors.push(this.message);
        return;
      case 'dryrunRule':
        if (state.inDryrunBlock && state.dryrunVm !== null) {
          state.inDryrunBlock = false;
          state.dryrunVm = null;
          state.dryrunList = null;
        } else {
          state.inDryrunBlock = true;
        }
        return;
      case 'dryrunVm': {
        const vm = this.vm(state, name, true);
        this.dryrunInfo(vm);
        state.inDryrunBlock = true;
        state.dryrunVm = vm;
        state.dryrunList = null;
        return;
      }
      case 'dryrunVmId':
      case 'dryrunVmxPath':
      case 'dryrunVmfsVolume': {
        if (!state.dryrunVm) return;
        const info = this.dryrunInfo(state.dryrunVm);
        if (id === 'dryrunVmId') info.vmId = V[VALUE] ?? null;
        else if (id === 'dryrunVmxPath') info.vmxPath = V[VALUE] ?? null;
        else info.datastore = V[VALUE] ?? null;
        return;
      }
      case 'dryrunVmdks':
        state.dryrunList = 'disks';
        return;
      case 'dryrunIndependentVmdks':
        state.dryrunList = 'independentDisks';
        return;
      case 'dryrunTotal':
        state.dryrunList = null;
        if (state.dryrunVm) this.dryrunInfo(state.dryrunVm).totalSizeGb = toNumber(V[SIZE] ?? '');
        return;
      case 'dryrunIndependentVerdict':
      case 'dryrunSnapshotVerdict':
      case 'dryrunSnapshotConsolidate':
      case 'dryrunEmptyVerdict':
        if (state.dryrunVm) this.dryrunInfo(state.dryrunVm).notes.push(this.message);
        return;
      default:
        // Recognised lines that change nothing in the model: storage figures, waits, findVMDK, symlink …
        return;
    }
  }

  /**
   * The key of a CONFIG line as the same string object as the key at this place in the previous dump, when the
   * text is the same. Every run prints the same keys in the same order: a key string V8 has seen as a property
   * name before is stored without hashing it again, and the run does not keep a chunk alive for each key.
   */
  private configKey(key: string): string {
    const at = key === 'VERSION' ? 0 : this.configKeyAt;
    this.configKeyAt = at + 1;
    const seen = this.configKeys[at];
    if (seen === key) return seen;
    const owned = own(key);
    this.configKeysChanged = true;
    if (at < MAX_CONFIG_KEYS) this.configKeys[at] = owned;
    return owned;
  }

  private config(state: RunState, key: string, value: string): void {
    const run = state.run;
    if (key === 'VERSION') {
      state.configDumps++;
      state.configTargets = [];
      if (state.configDumps === 1) state.configTargets.push(run.config);
      if (state.pendingVm !== null || state.configDumps > 1) {
        state.pendingVm ??= { file: null, values: {} };
        state.configTargets.push(state.pendingVm.values);
      }
      run.scriptVersion ??= value;
    }
    if (state.configTargets.length === 0) {
      state.configDumps = Math.max(state.configDumps, 1);
      state.configTargets.push(run.config);
    }
    for (const target of state.configTargets) target[key] = value;
    if (key === 'GHETTOVCB_PID' && run.pid === null) run.pid = toNumber(value);
    else if (key === 'BACKUP_LOG_OUTPUT') run.logFile ??= value;
    else if (key === 'LOG_LEVEL' && value === 'dryrun') run.dryrun = true;
  }

  private diskErrorLine(state: RunState, vm: InternalVm, source: string, message: string): void {
    let disk = [...vm.disks].reverse().find((d) => d.source === source) ?? [...vm.disks].reverse().find((d) => d.source === null && d.error !== null);
    if (!disk) {
      disk = newDisk();
      vm.disks.push(disk);
    }
    disk.source ??= source;
    if (disk.error === null) {
      disk.error = message;
      disk.errorCode = null;
    }
    if (state.disk === disk) state.disk = null;
  }
}

function finalizeVm(vm: InternalVm): LogVm {
  let outcome = vm.outcome;
  let reason = vm.reason;
  if (outcome === null && vm.dryrun !== null) {
    const notes = vm.dryrun.notes.join('\n');
    if (notes.includes('DUE TO EXISTING SNAPSHOTS')) outcome = 'skipped_has_snapshot';
    else if (notes.includes('DUE TO EMPTY VMDK LIST')) outcome = 'no_valid_vmdks';
    else if (notes.includes('NOT HAVE ALL ITS VMDKS')) outcome = 'warn_independent_disks';
    else outcome = 'ok';
    reason = vm.dryrun.notes[vm.dryrun.notes.length - 1] ?? null;
  }
  if (outcome === 'error_vmdk') reason = vm.disks.find((d) => d.error !== null)?.error ?? reason;
  if (outcome === null) reason = vm.pendingReason;
  // Field by field rather than a rest spread: this runs for every VM of every run.
  return {
    name: vm.name,
    outcome: outcome ?? 'unknown',
    reason,
    line: vm.line,
    startedAt: vm.startedAt,
    endedAt: vm.endedAt,
    durationSeconds: vm.durationSeconds,
    configFile: vm.configFile,
    config: vm.config,
    snapshotName: vm.snapshotName,
    snapshotRemoved: vm.snapshotRemoved,
    consolidatedSnapshots: vm.consolidatedSnapshots,
    powerOff: vm.powerOff,
    poweredBackOn: vm.poweredBackOn,
    compressed: vm.compressed,
    disks: vm.disks,
    warnings: vm.warnings,
    rotatedAway: vm.rotatedAway,
    dryrun: vm.dryrun,
  };
}

/** `copy`: the run is still being parsed, so the result must not share its objects. */
function finalizeRun(state: RunState, copy: boolean): LogRun {
  const run = copy ? structuredClone(state.run) : state.run;
  const exitCode =
    run.finalStatus !== null ? (FINAL_STATUS_EXIT_CODES[run.finalStatus] ?? null) : run.failure !== null ? 1 : null;
  const aborted = state.closed && run.finalStatus === null && run.failure?.kind !== 'lock';
  return {
    firstLine: run.firstLine,
    lastLine: run.lastLine,
    host: run.host,
    startedAt: run.startedAt,
    endedAt: stampOf(state.lastStampText, state.lastStampAt),
    logFile: run.logFile,
    workdir: run.workdir,
    globalConfigFile: run.globalConfigFile,
    config: run.config,
    scriptVersion: run.scriptVersion,
    pid: run.pid,
    finalStatus: run.finalStatus,
    exitCode,
    aborted,
    dryrun: run.dryrun,
    logStart: run.logStart,
    logEnd: run.logEnd,
    failure: run.failure,
    vms: run.vms.map(finalizeVm),
    startupOrder: run.startupOrder,
    flags: run.flags,
    emailErrors: run.emailErrors,
    unrecognized: run.unrecognized,
    unrecognizedCount: run.unrecognizedCount,
    linesCut: run.linesCut,
  };
}

/** Parses a whole log held in memory. */
export function parseLog(text: string): LogParseResult {
  const parser = new GhettoVcbLogParser();
  parser.feed(text);
  return parser.end();
}

/** Parses decoded text chunks as they arrive (a file stream, an SSH `tail -f`); cancellable. */
export async function parseLogChunks(chunks: AsyncIterable<string>, signal?: AbortSignal, options: LogParserOptions = {}): Promise<LogParseResult> {
  const parser = new GhettoVcbLogParser(options);
  for await (const chunk of chunks) {
    signal?.throwIfAborted();
    parser.feed(chunk);
  }
  return parser.end();
}
