/**
 * Renames are never guessed: a drop plus an add that look alike come back as possible renames.
 * When the client can ask its person (form elicitation), each one is put to them, and the
 * answers become confirmed rename hints or a confirmed drop-and-add.
 */
import type { ToolContext } from './tool.js';

export interface RenameCandidate {
  readonly kind: 'table' | 'column';
  readonly from: string;
  readonly to: string;
  readonly confidence: number;
  readonly evidence: readonly string[];
  /** The hint that confirms it, `old=new`. */
  readonly hint: string;
}

export interface RenameAnswers {
  /** Hints the person confirmed as renames. */
  readonly renames: readonly string[];
  /** Hints the person said are a real drop and add. */
  readonly dropAndAdd: readonly string[];
}

const RENAME = 'rename';
const DROP_AND_ADD = 'drop-and-add';

/** Undefined when nobody can be asked; otherwise what was answered before the person stopped. */
export async function confirmRenames(candidates: readonly RenameCandidate[], context: ToolContext): Promise<RenameAnswers | undefined> {
  if (!context.elicit || candidates.length === 0) return undefined;
  const renames: string[] = [];
  const dropAndAdd: string[] = [];
  const taken = new Set<string>();
  for (const candidate of candidates) {
    // One old name can be renamed once: after a confirmed rename, rivals for the same names are moot.
    if (taken.has(candidate.from) || taken.has(candidate.to)) continue;
    const answer = await ask(candidate, context);
    if (answer === undefined) break;
    if (answer === RENAME) {
      renames.push(candidate.hint);
      taken.add(candidate.from).add(candidate.to);
    } else dropAndAdd.push(candidate.hint);
  }
  return { renames, dropAndAdd };
}

async function ask(candidate: RenameCandidate, context: ToolContext): Promise<string | undefined> {
  const elicit = context.elicit;
  if (!elicit) return undefined;
  try {
    const result = await elicit({
      message:
        `Was ${candidate.kind} ${candidate.from} renamed to ${candidate.to}? ` +
        `Evidence: ${candidate.evidence.join('; ')} (confidence ${candidate.confidence}). ` +
        `A rename keeps the data; a drop and add loses what ${candidate.from} holds.`,
      requestedSchema: {
        type: 'object',
        properties: {
          answer: {
            type: 'string',
            title: `${candidate.from} → ${candidate.to}`,
            enum: [RENAME, DROP_AND_ADD],
            enumNames: ['Renamed: keep the data', 'Dropped and added: the old data is lost'],
          },
        },
        required: ['answer'],
      },
    });
    const answer = result.action === 'accept' ? result.content?.answer : undefined;
    return answer === RENAME || answer === DROP_AND_ADD ? answer : undefined;
  } catch (error) {
    // A client that fails or times out on the question leaves the candidate reported, unanswered.
    context.log(`elicitation about ${candidate.hint} failed: ${String(error)}`);
    return undefined;
  }
}
