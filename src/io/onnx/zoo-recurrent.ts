/** ONNX export of the zoo's RecurrentLM (char-rnn): Embedding → RNN/LSTM/GRU → Linear, giving the logits. */
import { RecurrentLM } from "../../models/index.js";
import { chain, exporterFor } from "./exporter.js";

/** int32 ids [batch, time] to logits [batch, time, vocab], from a zero state (dropout is off in eval mode). */
const recurrentLM = exporterFor(RecurrentLM, (m, x, step) => chain([m.embedding, m.rnn, m.dropout, m.decoder], x, step));

export const recurrentLMExporters = [recurrentLM];
