/**
 * The flags of the unsupervised models on `strata train`: one per setting (typed by its default),
 * and the check that every flag given applies to the model chosen.
 */
import { InvalidArgumentError, Option, type Command } from "commander";
import { flagOf, oneOf, UsageError } from "../options.js";
import { unsupervisedModels, type SettingValue, type UnsupervisedModel } from "./registry.js";

function finiteNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a number, got "${value}"`);
  return n;
}

/** "500" → 500, "500,500,2000" → [500, 500, 2000] (positive integers). */
export function sizes(value: string): number | number[] {
  const parts = value.split(",").map((part) => Number(part.trim()));
  if (parts.some((n) => !Number.isInteger(n) || n < 1)) throw new InvalidArgumentError(`expected a positive integer or a comma-separated list of them, got "${value}"`);
  return parts.length === 1 ? parts[0] : parts;
}

/** Which models use each setting, and one default to type its flag by. */
function settingsOfAll(): Map<string, { models: string[]; example: SettingValue; choices?: readonly string[] }> {
  const all = new Map<string, { models: string[]; example: SettingValue; choices?: readonly string[] }>();
  for (const [name, model] of Object.entries(unsupervisedModels)) {
    for (const [key, value] of Object.entries(model.defaults)) {
      const entry = all.get(key) ?? { models: [], example: value, choices: model.choices?.[key] };
      entry.models.push(name);
      all.set(key, entry);
    }
  }
  return all;
}

/** Adds a flag for every unsupervised setting the command does not have yet. */
export function addUnsupervisedFlags(command: Command): Command {
  const taken = new Set(command.options.map((o) => o.attributeName()));
  for (const [key, { models, example, choices }] of settingsOfAll()) {
    if (taken.has(key)) continue;
    const help = `${models.join(", ")}: ${key} (default ${Array.isArray(example) ? example.join(",") : example})`;
    if (typeof example === "boolean") command.addOption(new Option(flagOf(key), help));
    else if (Array.isArray(example)) command.addOption(new Option(`${flagOf(key)} <sizes>`, help).argParser(sizes));
    else if (typeof example === "number") command.addOption(new Option(`${flagOf(key)} <n>`, help).argParser(finiteNumber));
    else command.addOption(new Option(`${flagOf(key)} <value>`, help).argParser(choices ? oneOf(choices) : String));
  }
  return command;
}

/** Flags every unsupervised model takes besides its settings. */
const COMMON = ["out", "resume", "overwrite", "progress"];

/** The flags given that model uses, after checking that none is another model's and that each value fits. */
export function unsupervisedOptions(name: string, model: UnsupervisedModel, options: Record<string, unknown>): Record<string, unknown> {
  const given = Object.entries(options).filter(([, v]) => v !== undefined);
  for (const [key, value] of given) {
    if (!(key in model.defaults) && !COMMON.includes(key)) throw new UsageError(`${flagOf(key)} does not apply to ${name}`);
    const choices = model.choices?.[key];
    if (choices && !choices.includes(String(value))) throw new UsageError(`${flagOf(key)} for ${name} must be one of ${choices.join(", ")}, got "${value}"`);
    if (Array.isArray(value) && !Array.isArray(model.defaults[key])) throw new UsageError(`${flagOf(key)} takes one number for ${name}, got ${value.join(",")}`);
  }
  return Object.fromEntries(given);
}
