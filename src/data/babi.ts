/**
 * The bAbI question-answering format (Weston et al. 2015, "Towards AI-complete question answering"),
 * as the files qa1_single-supporting-fact_train.txt … qa20_agents-motivations_test.txt write it:
 *
 *   1 Mary moved to the bathroom.
 *   2 John went to the hallway.
 *   3 Where is Mary? <TAB>bathroom<TAB>1
 *
 * Each line starts with its number in the story; the number going back to 1 starts a new story. A
 * line with tabs is a question: the question, its answer (several words are comma-separated, as in
 * the lists task's "apple,milk" or path finding's "n,w") and the numbers of its supporting facts,
 * space-separated. Questions are not part of the story a later question reads.
 *
 * Every question becomes one sample: the story's statements before it, the question and the answer,
 * all tokenised (lower case, the final "." or "?" dropped), and its supporting facts as indices into
 * that story.
 */
import { readBytes, type FileLocation } from "../io/read-bytes.js";

export interface BabiSample {
  /** The statements of the story before the question, tokenised, oldest first. */
  story: string[][];
  question: string[];
  /** The answer's words (one for most tasks; several for lists and path finding). */
  answer: string[];
  /** The supporting statements, as indices into `story`. */
  supportingFacts: number[];
  /** The question's line in the file (1-based), and each statement's, for errors that point into the file. */
  line: number;
  storyLines: number[];
}

/** A line of a bAbI file that breaks the format; `line` is 1-based. */
export class BabiFormatError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${source}:${line}: ${detail}`);
    this.name = "BabiFormatError";
  }
}

/** Lower-cased words, with the sentence's final "." or "?" and any commas dropped. */
function words(text: string): string[] {
  return text.toLowerCase().replace(/[.?!,]/g, " ").split(/\s+/).filter(Boolean);
}

/** Why a supporting fact named on story line `id` points at no statement. */
function missingFact(fact: string, id: number): string {
  const n = Number(fact);
  if (!Number.isInteger(n) || n < 1) return "a line number is a positive integer";
  if (n >= id) return `line ${n} does not exist before this question (line ${id} of the story)`;
  return `line ${n} is a question, not a statement`;
}

/** The samples of one bAbI file's text; `source` names it in errors. */
export function parseBabi(text: string, source = "bAbI text"): BabiSample[] {
  const samples: BabiSample[] = [];
  let story: string[][] = [];
  let storyLines: number[] = [];
  /** The story index of each statement's line number (questions map to nothing). */
  let statementAt = new Map<number, number>();
  let previous = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const content = raw.trimEnd();
    if (content.trim() === "") return;
    const match = /^\s*(\d+) (.*)$/.exec(content);
    if (!match) throw new BabiFormatError(source, line, `expected "<number> <sentence>", got ${JSON.stringify(content.slice(0, 60))}`);
    const id = Number(match[1]);
    if (id === 1) {
      story = [];
      storyLines = [];
      statementAt = new Map();
    } else if (id !== previous + 1) {
      throw new BabiFormatError(source, line, `line number ${id} follows ${previous}; a story numbers its lines 1, 2, 3, … and a new story starts at 1`);
    }
    previous = id;
    const fields = match[2].split("\t");
    if (fields.length === 1) {
      statementAt.set(id, story.length);
      story.push(words(fields[0]));
      storyLines.push(line);
      return;
    }
    if (fields.length < 2 || fields[1].trim() === "") throw new BabiFormatError(source, line, "a question (a line with a tab) needs an answer after its first tab");
    if (story.length === 0) throw new BabiFormatError(source, line, `the question ${JSON.stringify(fields[0].trim())} has no story: no statement comes before it since the story began`);
    const supportingFacts = (fields[2] ?? "").trim().split(/\s+/).filter(Boolean).map((fact) => {
      const index = statementAt.get(Number(fact));
      if (index === undefined) throw new BabiFormatError(source, line, `supporting fact ${JSON.stringify(fact)} is not the number of an earlier statement of this story: ${missingFact(fact, id)}`);
      return index;
    });
    samples.push({ story: story.slice(), question: words(fields[0]), answer: fields[1].trim().toLowerCase().split(","), supportingFacts, line, storyLines: storyLines.slice() });
  });
  return samples;
}

/** The samples of a bAbI file at a path or URL. */
export async function readBabi(location: FileLocation): Promise<BabiSample[]> {
  const bytes = await readBytes(location);
  if (bytes === null) throw new Error(`readBabi: ${String(location)} does not exist`);
  return parseBabi(new TextDecoder().decode(bytes), String(location));
}
