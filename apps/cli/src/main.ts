/** Entry point of the `cloud-images` command (work in progress: see issue 14). */
export async function main(argv: readonly string[]): Promise<number> {
  process.stdout.write(`cloud-images: not yet implemented (${argv.length} arguments)\n`);
  return 0;
}
