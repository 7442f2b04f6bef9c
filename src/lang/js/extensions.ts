/** Extensions the JS/TS handler owns (kept apart from the parser so that matching loads nothing heavy). */
export const JS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
