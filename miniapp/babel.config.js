// One babel setup for the Taro build and for jest: babel-preset-taro compiles to CommonJS for
// Node when NODE_ENV is test.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
