// What the browser flows hand on to each other, and the access problems they find.
export const PROGRAM = 'e2e-city';
export const s = {};
export const accessProblems = [];
