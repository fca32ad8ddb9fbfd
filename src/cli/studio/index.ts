/** The studio: a local web page that follows training runs live (`strata studio`). */
export { startStudio } from "./server.js";
export type { Studio, StudioOptions } from "./server.js";
export { portNumber, studioCommand } from "./command.js";
