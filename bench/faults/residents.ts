// Residents filing reports through the emulator, the way people do in the Telegram app: each
// message waits for the bot's answer before the next, with a pause to think in between.
//
// A step is answered when the bot's message that should follow it arrives (recognised by its
// buttons and its text in the resident's language, from the project's locales). A step with no
// answer in time is "unanswered"; the resident then leaves the report with /cancel and starts
// again, as a person would. An unanswered step that gets its answer later (any bot message the
// resident was not waiting for, arriving while it is still unanswered) is "late", not lost.
import type { Emulator, MessageView } from "../../src/sandbox/emulator/index.js";
import { createI18n, resolveLocale } from "../../src/i18n.js";

/** A 1×1 PNG: the emulator gives every upload its own file_unique_id. */
const PHOTO = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

export type Kind =
  | "category"
  | "description"
  | "photos-ask"
  | "photo-received"
  | "photos-other"
  | "location-ask"
  | "location-noted"
  | "summary"
  | "filed"
  | "cancelled"
  | "apology"
  /** Re-asks: the conversation waits for something else than what came. */
  | "category-reask"
  | "description-reask"
  | "use-buttons"
  | "other";

/** What a resident can be asked to do next. */
const PROMPTS: ReadonlySet<Kind> = new Set([
  "category",
  "description",
  "photos-ask",
  "photo-received",
  "photos-other",
  "location-ask",
  "summary",
  "filed",
  "cancelled",
]);

interface LocaleTexts {
  askDescription: string;
  askPhotosPrefix: string;
  photoReceived: string;
  askLocation: string;
  locationExpected: string;
  filedPrefix: string;
  cancelDone: string;
  cancelNothing: string;
  apology: string;
  categoryReask: string;
  descriptionReask: string;
  useButtons: string;
}

/** The bot's words the residents recognise, rendered from the project's locales. */
export class Texts {
  private readonly byLocale = new Map<string, LocaleTexts>();

  constructor() {
    const i18n = createI18n();
    for (const locale of ["zh-CN", "en"]) {
      const t = (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);
      const filed = t("report-filed", { number: "R-999999" });
      const askPhotos = t("report-ask-photos", { max: 987 });
      this.byLocale.set(locale, {
        askDescription: t("report-ask-description"),
        askPhotosPrefix: askPhotos.slice(0, askPhotos.indexOf("987")),
        photoReceived: t("report-photo-received"),
        askLocation: t("report-ask-location"),
        locationExpected: t("report-location-expected"),
        filedPrefix: filed.slice(0, filed.indexOf("R-999999")),
        cancelDone: t("cancel-done"),
        cancelNothing: t("cancel-nothing"),
        apology: t("error-apology"),
        categoryReask: t("report-use-category-buttons"),
        descriptionReask: t("report-description-example"),
        useButtons: t("use-buttons"),
      });
    }
  }

  classify(view: MessageView, locale: string): Kind {
    const texts = this.byLocale.get(locale)!;
    const text = view.text ?? view.caption ?? "";
    const data = inlineData(view);
    if (data.some((d) => d.startsWith("rcat:"))) return "category";
    if (data.includes("rsum:confirm")) return "summary";
    if (data.includes("rdone")) {
      if (text === texts.photoReceived) return "photo-received";
      // The step's first question; re-asks and refusals carry the same button.
      return texts.askPhotosPrefix !== "" && text.startsWith(texts.askPhotosPrefix) ? "photos-ask" : "photos-other";
    }
    if (text === texts.askDescription) return "description";
    if (text === texts.askLocation || text === texts.locationExpected) return "location-ask";
    if (texts.filedPrefix !== "" && text.startsWith(texts.filedPrefix) && /R-\d+/.test(text)) return "filed";
    if (text.startsWith(texts.cancelDone) || text.startsWith(texts.cancelNothing)) return "cancelled";
    if (text === texts.apology) return "apology";
    if (text === texts.categoryReask) return "category-reask";
    if (text === texts.descriptionReask) return "description-reask";
    if (text === texts.useButtons) return "use-buttons";
    const markup = view.replyMarkup as { remove_keyboard?: boolean } | undefined;
    if (markup?.remove_keyboard === true) return "location-noted";
    return "other";
  }
}

function inlineData(view: MessageView): string[] {
  const markup = view.replyMarkup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined;
  return (markup?.inline_keyboard ?? []).flat().flatMap((button) => (button.callback_data ? [button.callback_data] : []));
}

export type Action =
  | { type: "text"; text: string }
  | { type: "photo" }
  | { type: "location"; latitude: number; longitude: number }
  | { type: "press"; messageId: number; data: string };

export interface Counters {
  /** Updates the residents sent in the run (finishing at the end not included). */
  updates: number;
  answered: number;
  /** Steps with no answer within the step timeout (or by the end of the drain). */
  unanswered: number;
  /** Of those, answered after all (later than the timeout). */
  late: number;
  /** Answered, but not with what the step should get (the conversation elsewhere). */
  offTrack: number;
  /** Bot messages in residents' chats that answered nothing the resident was waiting for. */
  extra: number;
  /** The bot's previous question asked again (an update handled twice answers twice). */
  repeated: number;
  /** "Something went wrong" apologies seen. */
  apologies: number;
  /** Actions the emulator refused (a button that is gone). */
  refused: number;
  cancels: number;
  reportsStarted: number;
  reportsFiled: number;
  finishUpdates: number;
  latenciesMs: number[];
  /** A few off-track answers, for BENCH_FAULTS_DEBUG. */
  offTrackSamples: string[];
}

export function newCounters(): Counters {
  return {
    updates: 0,
    answered: 0,
    unanswered: 0,
    late: 0,
    offTrack: 0,
    extra: 0,
    repeated: 0,
    apologies: 0,
    refused: 0,
    cancels: 0,
    reportsStarted: 0,
    reportsFiled: 0,
    finishUpdates: 0,
    latenciesMs: [],
    offTrackSamples: [],
  };
}

export interface RunClock {
  /** performance.now() after which no new step starts. */
  endAt: number;
  /** performance.now() after which nobody waits any longer. */
  drainUntil: number;
}

export interface ResidentOptions {
  emulator: Emulator;
  texts: Texts;
  counters: Counters;
  clock: RunClock;
  stepTimeoutMs: number;
  thinkMs: [number, number];
  /** A fresh spot for each report, far from every other one (no "same problem nearby?" offer). */
  nextSpot: () => { latitude: number; longitude: number };
}

type StepResult = { outcome: "answered"; view: MessageView } | { outcome: "off-track"; view: MessageView } | { outcome: "unanswered" } | { outcome: "refused" };

interface Unanswered {
  label: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Resident {
  readonly chatId: number;
  readonly locale: string;
  /** Bot messages in this chat not yet looked at, oldest first. */
  private readonly inbox: MessageView[] = [];
  private wake: (() => void) | undefined;
  private ordinal = 0;
  /** Between /report and its tracking number or a /cancel. */
  inReport = false;
  /** Steps still waiting for their answer, oldest first. */
  private readonly unansweredSteps: Unanswered[] = [];
  private lastAction: Action | undefined;
  private lastActionAnswered = true;
  private lastPrompt: { kind: Kind; view: MessageView } | undefined;
  /** The newest message of each prompt kind (a re-ask points back to one of them). */
  private readonly prompts = new Map<Kind, MessageView>();
  /** The kind of the newest bot message looked at. */
  private lastSeen: Kind | undefined;
  /** What the last answered step was answered with. */
  private lastAnswer: Kind | undefined;
  /** The last few things that happened, for BENCH_FAULTS_DEBUG. */
  readonly trace: string[] = [];
  /** Tracking numbers this resident was given (one per summary edited into "report received"). */
  readonly filed: string[] = [];
  /** Markers of the reports this resident confirmed (pressed Confirm for). */
  readonly confirmed = new Set<string>();
  private marker = "";

  constructor(
    readonly index: number,
    readonly userId: number,
    languageCode: string,
    private readonly options: ResidentOptions,
  ) {
    this.chatId = userId;
    this.locale = resolveLocale(null, languageCode);
  }

  /** Called by the dispatcher for each new bot message in this chat. */
  deliver(view: MessageView): void {
    this.inbox.push(view);
    this.wake?.();
  }

  /**
   * Called by the dispatcher for each bot edit in this chat. The tracking number comes as an
   * edit of the summary the resident confirmed; the other edits (a question showing the answer
   * chosen instead of its buttons) answer nothing the resident waits for.
   */
  deliverEdit(view: MessageView): void {
    if (this.options.texts.classify(view, this.locale) === "filed") this.deliver(view);
  }

  /** The unanswered steps left (lost) once the run is over. */
  get lost(): number {
    return this.unansweredSteps.length;
  }

  private get c(): Counters {
    return this.options.counters;
  }

  private classify(view: MessageView): Kind {
    const kind = this.options.texts.classify(view, this.locale);
    this.note(`bot #${view.messageId} ${kind}`);
    this.lastSeen = kind;
    if (kind === "apology") this.c.apologies++;
    if (PROMPTS.has(kind)) {
      this.lastPrompt = { kind, view };
      this.prompts.set(kind, view);
    }
    if (kind === "filed") {
      this.filed.push(/R-\d+/.exec(view.text ?? "")?.[0] ?? "");
      this.inReport = false;
    }
    if (kind === "cancelled") this.inReport = false;
    return kind;
  }

  private note(event: string): void {
    this.trace.push(`${(performance.now() / 1000).toFixed(1)} ${event}`);
    if (this.trace.length > 16) this.trace.shift();
  }

  /** A message nobody is waiting for: the late answer to an unanswered step, or an extra one. */
  private stray(view: MessageView): void {
    this.classify(view);
    const kind = this.lastSeen;
    if (this.unansweredSteps.length > 0) {
      this.unansweredSteps.shift();
      this.c.late++;
      this.lastActionAnswered = true;
    } else if (kind !== undefined && kind === this.lastAnswer) {
      this.c.repeated++;
    } else {
      this.c.extra++;
    }
  }

  /** Looks at what arrived while the resident was not waiting (thinking, or between turns). */
  drainStrays(): void {
    while (this.inbox.length > 0) this.stray(this.inbox.shift()!);
  }

  private perform(action: Action): boolean {
    const { emulator } = this.options;
    try {
      switch (action.type) {
        case "text":
          emulator.sendText(this.userId, action.text);
          break;
        case "photo":
          emulator.sendPhoto(this.userId, PHOTO);
          break;
        case "location":
          emulator.sendLocation(this.userId, action.latitude, action.longitude);
          break;
        case "press":
          emulator.pressButton(this.userId, this.chatId, action.messageId, action.data);
          break;
      }
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Sends one message (or press) and waits for the answer `expected` recognises. Messages that
   * `passing` accepts may come first (the "location received" before the summary).
   */
  private async step(
    label: string,
    action: Action,
    expected: (kind: Kind) => boolean,
    options: { passing?: (kind: Kind) => boolean; timeoutMs: number; finishing?: boolean },
  ): Promise<StepResult> {
    this.drainStrays();
    this.note(`send ${label} ${action.type === "press" ? action.data : action.type === "text" ? action.text.slice(0, 12) : action.type}`);
    if (!this.perform(action)) {
      this.c.refused++;
      this.note("refused");
      return { outcome: "refused" };
    }
    if (options.finishing) this.c.finishUpdates++;
    else this.c.updates++;
    this.lastAction = action;
    this.lastActionAnswered = false;
    const sentAt = performance.now();
    const deadline = Math.min(sentAt + options.timeoutMs, this.options.clock.drainUntil);
    let unexpected: MessageView | undefined;
    let graceUntil = Number.POSITIVE_INFINITY;
    for (;;) {
      while (this.inbox.length > 0) {
        const view = this.inbox.shift()!;
        const kind = this.classify(view);
        if (expected(kind)) {
          this.lastActionAnswered = true;
          this.lastAnswer = kind;
          if (unexpected) this.c.extra++;
          if (!options.finishing) {
            this.c.answered++;
            this.c.latenciesMs.push(performance.now() - sentAt);
          }
          return { outcome: "answered", view };
        }
        if (options.passing?.(kind)) continue;
        if (!options.finishing && this.unansweredSteps.length > 0) {
          // Most likely the late answer to an earlier step (in order per chat).
          this.unansweredSteps.shift();
          this.c.late++;
          continue;
        }
        if (kind === this.lastAnswer) {
          // The previous answer once more (its update handled again): keep waiting for ours.
          this.c.repeated++;
          continue;
        }
        if (unexpected) this.c.extra++;
        unexpected = view;
        // The right answer may still follow (an apology for a retried update, then the answer).
        graceUntil = performance.now() + 2000;
      }
      const now = performance.now();
      const until = Math.min(deadline, graceUntil);
      if (now >= until) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, until - now);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.wake = done;
      });
      this.wake = undefined;
    }
    if (unexpected) {
      this.lastActionAnswered = true;
      if (!options.finishing) {
        this.c.offTrack++;
        if (this.c.offTrackSamples.length < 10) {
          const text = JSON.stringify((unexpected.text ?? unexpected.caption ?? "").slice(0, 60));
          this.c.offTrackSamples.push(`resident ${this.index}, step ${label}: got ${this.options.texts.classify(unexpected, this.locale)} ${text}`);
        }
      }
      return { outcome: "off-track", view: unexpected };
    }
    this.note("no answer");
    if (!options.finishing) {
      this.c.unanswered++;
      this.unansweredSteps.push({ label });
    }
    return { outcome: "unanswered" };
  }

  private async think(): Promise<boolean> {
    const [low, high] = this.options.thinkMs;
    await sleep(low + Math.random() * (high - low));
    return performance.now() < this.options.clock.endAt;
  }

  /**
   * One report, start to tracking number, at a human pace. On an unanswered or wrong answer the
   * resident cancels and gives up this report. Returns when done or when the run is over.
   */
  async fileOneReport(): Promise<void> {
    const timeoutMs = this.options.stepTimeoutMs;
    const is =
      (...kinds: Kind[]) =>
      (kind: Kind) =>
        kinds.includes(kind);
    if (!(await this.think())) return;
    this.ordinal++;
    this.marker = `#f${this.index}-${this.ordinal}`;
    this.c.reportsStarted++;
    this.inReport = true;
    let result = await this.step("/report", { type: "text", text: "/report" }, is("category"), { timeoutMs });
    if (result.outcome !== "answered") return this.recover();

    const categories = inlineData(result.view).filter((d) => d.startsWith("rcat:"));
    const category = categories[Math.floor(Math.random() * categories.length)]!;
    if (!(await this.think())) return;
    result = await this.step("category", { type: "press", messageId: result.view.messageId, data: category }, is("description"), { timeoutMs });
    if (result.outcome !== "answered") return this.recover();

    if (!(await this.think())) return;
    const description = this.locale === "en" ? `Garbage piled up by the gate for days ${this.marker}` : `大门口垃圾堆了好几天没人清理 ${this.marker}`;
    result = await this.step("description", { type: "text", text: description }, is("photos-ask"), { timeoutMs });
    if (result.outcome !== "answered") return this.recover();

    // Half send one photo, a quarter two, a quarter skip.
    const roll = Math.random();
    const photos = roll < 0.5 ? 1 : roll < 0.75 ? 2 : 0;
    for (let i = 0; i < photos; i++) {
      if (!(await this.think())) return;
      result = await this.step("photo", { type: "photo" }, is("photo-received"), { timeoutMs });
      if (result.outcome !== "answered") return this.recover();
    }

    if (!(await this.think())) return;
    result = await this.step("photos done", { type: "press", messageId: result.view.messageId, data: "rdone" }, is("location-ask"), { timeoutMs });
    if (result.outcome !== "answered") return this.recover();

    if (!(await this.think())) return;
    const spot = this.options.nextSpot();
    result = await this.step("location", { type: "location", ...spot }, is("summary"), { timeoutMs, passing: is("location-noted") });
    if (result.outcome !== "answered") return this.recover();

    if (!(await this.think())) return;
    this.confirmed.add(this.marker);
    result = await this.step("confirm", { type: "press", messageId: result.view.messageId, data: "rsum:confirm" }, is("filed"), { timeoutMs });
    if (result.outcome !== "answered") return this.recover();
    this.c.reportsFiled++;
  }

  /** /cancel until the bot says so (or the run ends): the resident starts over afterwards. */
  private async recover(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!(await this.think())) return;
      this.c.cancels++;
      const result = await this.step("/cancel", { type: "text", text: "/cancel" }, (kind) => kind === "cancelled", {
        timeoutMs: this.options.stepTimeoutMs,
      });
      if (result.outcome === "answered") return;
    }
  }

  /**
   * After the run (no more kills): a resident whose report is half-way tries to finish it from
   * where the chat stands, as a person reading the chat would: send again what got no answer,
   * then follow the bot's latest question, no pauses. "stuck" when no tracking number comes.
   */
  async finish(timeoutMs: number): Promise<"clean" | "finished" | "stuck"> {
    this.drainStrays();
    const filedBefore = this.filed.length;
    let resent = false;
    for (let actions = 0; actions < 12; actions++) {
      if (!this.inReport && this.lastActionAnswered) return this.filed.length > filedBefore ? "finished" : "clean";
      let action: Action | undefined;
      if (!this.lastActionAnswered && this.lastAction && !resent) {
        action = this.lastAction;
        resent = true;
      } else {
        action = this.nextFromPrompt();
      }
      if (action === undefined) return this.inReport ? "stuck" : "clean";
      const result = await this.step("finish", action, (kind) => PROMPTS.has(kind), {
        timeoutMs,
        finishing: true,
        passing: (kind) => kind === "location-noted",
      });
      if (result.outcome === "unanswered") return "stuck";
      // A button that is gone: act on the latest question instead.
      if (result.outcome === "refused") this.lastActionAnswered = true;
    }
    return "stuck";
  }

  private nextFromPrompt(): Action | undefined {
    // A re-ask points back to the question the bot still waits on.
    const back =
      this.lastSeen === "category-reask"
        ? this.prompts.get("category")
        : this.lastSeen === "description-reask"
          ? this.prompts.get("description")
          : this.lastSeen === "use-buttons"
            ? this.lastPrompt?.view
            : undefined;
    const backKind = this.lastSeen === "category-reask" ? "category" : this.lastSeen === "description-reask" ? "description" : this.lastPrompt?.kind;
    const prompt = back && backKind ? { kind: backKind, view: back } : this.lastPrompt;
    if (!prompt) return this.inReport ? { type: "text", text: "/report" } : undefined;
    const view = prompt.view;
    switch (prompt.kind) {
      case "category": {
        const first = inlineData(view).find((d) => d.startsWith("rcat:"));
        return first ? { type: "press", messageId: view.messageId, data: first } : undefined;
      }
      case "description":
        return { type: "text", text: `${this.locale === "en" ? "Garbage by the gate" : "门口有垃圾"} ${this.marker}` };
      case "photos-ask":
      case "photo-received":
      case "photos-other":
        return { type: "press", messageId: view.messageId, data: "rdone" };
      case "location-ask":
        return { type: "location", ...this.options.nextSpot() };
      case "summary":
        this.confirmed.add(this.marker);
        return { type: "press", messageId: view.messageId, data: "rsum:confirm" };
      case "filed":
      case "cancelled":
        // The last answer closed a report, yet this one is open: the /report got lost.
        return this.inReport ? { type: "text", text: "/report" } : undefined;
      default:
        return undefined;
    }
  }
}

/** Routes the bot's new messages to the residents' inboxes (one subscription for all). */
export function dispatchMessages(emulator: Emulator, residents: ReadonlyMap<number, Resident>): () => void {
  return emulator.subscribe((event) => {
    if ((event.type !== "message" && event.type !== "edit") || !event.view.fromBot) return;
    const resident = residents.get(event.chatId);
    if (event.type === "message") resident?.deliver(event.view);
    else resident?.deliverEdit(event.view);
  });
}
