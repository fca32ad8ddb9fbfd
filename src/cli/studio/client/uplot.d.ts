// The page loads uPlot from /static/uplot.js, where the server serves the package's ES module
// build beside these scripts; this declaration gives that import the package's own types.
import uPlot from "uplot";
export default uPlot;
