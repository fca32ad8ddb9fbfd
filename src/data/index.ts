/**
 * strata/data: datasets, the DataLoader, and readers for standard formats (IDX, MNIST, CIFAR).
 * Node.js only where files are read (readIdx, writeIdx, mnist; cifar10/cifar100 from a path).
 */
import "../backend/index.js"; // so that `strata/data` works when imported on its own
export { TensorDataset, subset, randomSplit, fetchBatch } from "./dataset.js";
export type { Dataset, Sample } from "./dataset.js";
export { DataLoader } from "./loader.js";
export { selectClasses } from "./select-classes.js";
export type { SelectClassesOptions } from "./select-classes.js";
export type { DataLoaderOptions } from "./loader.js";
export { parseIdx } from "./idx-parse.js";
export { encodeIdx } from "./idx-encode.js";
export { readIdx, writeIdx, idxToTensor } from "./idx-file.js";
export { IdxError } from "./idx-format.js";
export type { IdxArray, IdxDType, IdxData } from "./idx-format.js";
export { mnist, mnistDir, MNIST_MEAN, MNIST_STD } from "./mnist.js";
export type { MnistOptions } from "./mnist.js";
export { cifar10, cifar100, CIFAR_SOURCE, CIFAR10_CLASSES, CIFAR10_MEAN, CIFAR10_STD, CIFAR100_MEAN, CIFAR100_STD } from "./cifar.js";
export type { Cifar100Options, CifarNormalization, CifarOptions } from "./cifar.js";
export { compose, gaussianNoise, randomCrop, randomHorizontalFlip, randomTranslate } from "./transforms.js";
export type { RandomCropOptions, Transform, TransformOptions } from "./transforms.js";
export { randomQuarterTurns, rotateQuarterTurns } from "./rotations.js";
export { fiveCrop, horizontalFlip, rescale, tenCrop } from "./views.js";
export type { TestViews } from "./views.js";
export { gutenberg, gutenbergDir, gutenbergNames } from "./gutenberg.js";
export { CharVocabulary, tokenize, UNK, UNKNOWN_CHAR, WordVocabulary } from "./text-vocab.js";
export type { CharVocabularyOptions, UnknownCharPolicy, WordVocabularyOptions } from "./text-vocab.js";
export { bpttBatches, crossEntropyReport, splitTokens, unigramBaseline } from "./text-stream.js";
export type { BpttBatch, CrossEntropyReport } from "./text-stream.js";
export { SEQ_VOCAB, seqBatch, seqTaskExamples, solveSeqTask } from "./seq-tasks.js";
export type { SeqBatch, SeqExample, SeqTask, SeqTaskOptions } from "./seq-tasks.js";
export { greyPatches, mandrill, randomPatches, toGrey } from "./natural-images.js";
export type { MandrillPart } from "./natural-images.js";
export { BabiFormatError, parseBabi, readBabi } from "./babi.js";
export type { BabiSample } from "./babi.js";
export { GENERATED_BABI_TASKS, generateBabi } from "./babi-generate.js";
export type { BabiGenerateOptions, GeneratedBabiTask } from "./babi-generate.js";
export { samplePairs } from "./pairs.js";
export type { LabelledPairs } from "./pairs.js";
export { maskSquares } from "./corruptions.js";
export { answerClass, BABI_PAD, BabiVocabulary, checkBabiVocabulary } from "./babi-vocab.js";
export { babiBatch, babiBatchRows, trimBabiBatch, withEmptyMemories } from "./babi-batch.js";
export type { BabiBatch, BabiBatchOptions } from "./babi-batch.js";
export { digitScenes, SCENE_BACKGROUND } from "./digit-scenes.js";
export type { DigitScenes, DigitScenesOptions, DigitSource, SceneBox } from "./digit-scenes.js";
export { resample } from "./resample.js";
export { sceneWindows, zoomScenes } from "./scene-windows.js";
export type { SceneWindowOptions, SceneWindows } from "./scene-windows.js";
export { CAPTION_CANVAS, CAPTION_WORDS, captionedDigits, describeDigits, DIGIT_LAYOUTS, DIGIT_NAMES, digitPlaces } from "./captioned-digits.js";
export type { CaptionedDigits, CaptionedDigitsOptions, DigitLayout } from "./captioned-digits.js";
export { CAPTION_END, CAPTION_START, captionBatch, captionDecoding, captionTrainingBatches, captionVocabulary, encodeCaption } from "./caption-batch.js";
export type { CaptionBatch } from "./caption-batch.js";
