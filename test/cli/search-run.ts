/** A small real search for the tests: LeNet-5 on 256 MNIST images, 4 trials, rungs at 1 and 2 epochs, 2 workers. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SearchState } from "../../src/cli/search/search-state.js";

export const SMALL_SEARCH = ["search", "lenet5", "--limit", "256", "--val-size", "256", "--trials", "4", "--workers", "2", "--max-epochs", "2", "--no-progress"];

export const readSearchState = (out: string): SearchState => JSON.parse(readFileSync(join(out, "search.json"), "utf8")) as SearchState;
