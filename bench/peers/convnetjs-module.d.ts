/** The small part of ConvNetJS 0.3.0 (an untyped CommonJS package) that the bench uses. */
declare module "convnetjs" {
  export class Vol {
    constructor(sx: number, sy: number, depth: number, c?: number);
    w: Float64Array;
  }
  export type LayerDef = Record<string, string | number>;
  export class Net {
    makeLayers(defs: LayerDef[]): void;
    forward(v: Vol, isTraining?: boolean): Vol;
  }
  export class Trainer {
    constructor(net: Net, options: { method?: string; learning_rate?: number; momentum?: number; batch_size?: number; l2_decay?: number });
    train(x: Vol, y: number): unknown;
  }
}
