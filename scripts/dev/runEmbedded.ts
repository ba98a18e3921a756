export const runEmbedded = async (log: (line: string) => void): Promise<void> => {
  log('embedded mode is not wired yet');
  process.exitCode = 1;
};
