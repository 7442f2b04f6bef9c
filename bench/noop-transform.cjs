// jscodeshift transform for the benchmark: parse every file (what any real
// codemod must do), change nothing. Returning undefined reports "unmodified".
module.exports = function noop(file, api) {
  api.jscodeshift(file.source);
  return undefined;
};
module.exports.parser = 'tsx';
