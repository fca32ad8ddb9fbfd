#!/usr/bin/env node
/** The `strata` command. */
import { Command, CommanderError, Option } from "commander";
import { setBackend } from "../index.js";
import { evalCommand } from "./eval-command.js";
import { nonNegativeInt, nonNegativeNumber, oneOf, positiveInt, positiveNumber } from "./options.js";
import { OPTIMIZERS, recipes } from "./recipes.js";
import { trainCommand } from "./train-command.js";

const program = new Command()
  .name("strata")
  .description("Strata: define, train and inspect neural networks from TypeScript.")
  .option("--backend <name>", "compute backend (also STRATA_BACKEND)", (name) => {
    setBackend(name);
    return name;
  })
  .showSuggestionAfterError(true)
  .exitOverride()
  .configureOutput({ outputError: () => {} });

const modelList = Object.entries(recipes).map(([name, r]) => `  ${name.padEnd(10)} ${r.description}`).join("\n");
const defaultsList = Object.entries(recipes)
  .map(([name, r]) => {
    const d = r.defaults;
    const update = d.optimizer === "sgd" ? `sgd momentum ${d.momentum}` : d.optimizer;
    const augment = r.augmentByDefault ? " --augment" : "";
    return `  ${name}: --epochs ${d.epochs} --batch-size ${d.batchSize} --lr ${d.lr} (${update}) --val-size ${d.valSize} --seed ${d.seed}${augment}`;
  })
  .join("\n");

program
  .command("train")
  .description("train a model on its dataset, validating every epoch and checkpointing; prints the test accuracy")
  .argument("<model>", `what to train:\n${modelList}`)
  .option("--epochs <n>", "passes over the training set", positiveInt)
  .option("--batch-size <n>", "samples per update", positiveInt)
  .option("--lr <rate>", "initial learning rate (decays to 0 by a cosine schedule)", positiveNumber)
  .addOption(new Option("--optimizer <name>", "update rule").choices(OPTIMIZERS))
  .option("--momentum <m>", "momentum (sgd, rmsprop)", nonNegativeNumber)
  .option("--weight-decay <w>", "L2 weight decay", nonNegativeNumber)
  .option("--val-size <n>", "training samples held out for validation", nonNegativeInt)
  .option("--limit <n>", "use only the first n samples of each split (train, validation, test): a quick run", positiveInt)
  .option("--seed <n>", "random seed: the same seed repeats the run exactly", nonNegativeInt)
  .option("--out <dir>", "run directory for the checkpoint and log (default runs/<model>)")
  .option("--resume", "continue from the checkpoint in the run directory")
  .option("--augment", "augment training batches (MNIST: random shifts of up to 2 pixels; lenet5 does by default)")
  .option("--no-augment", "train on the images as they are")
  .option("--no-progress", "no progress bar")
  .addHelpText("after", `\nDefaults:\n${defaultsList}\n\nA run writes <out>/checkpoint/ (after every epoch, atomically) and <out>/log.jsonl (one line per epoch).`)
  .addHelpText("after", "\nExamples:\n  strata train lenet5\n  strata train lenet5 --no-augment --epochs 8\n  strata train mlp\n  strata train mlp --epochs 5 --lr 0.02 --seed 7\n  strata train mlp --epochs 6 --resume")
  .action((model: string, options) => trainCommand(model, options));

program
  .command("eval")
  .description("load a run's checkpoint and report its test accuracy, top-5 accuracy and confusion matrix")
  .argument("<run-dir>", "a directory written by `strata train` (e.g. runs/mlp)")
  .action((runDir: string) => evalCommand(runDir));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // help and version are "errors" to commander; anything else is a bad command line
    if (error.exitCode === 0 || error.code === "commander.helpDisplayed" || error.code === "commander.help") process.exit(0);
    console.error(`strata: ${error.message.replace(/^error: /, "").split("\n")[0]} (see strata --help)`);
    process.exit(2);
  }
  console.error(`strata: ${(error as Error).message}`);
  if (process.env.STRATA_DEBUG) console.error(error);
  process.exit(1);
}
