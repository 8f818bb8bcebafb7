/** Types shared by the command runner and the handlers (no runtime code: loads nothing). */
import type { Command } from "commander";
import type { Cloud, NodeImageClient } from "@cloud-images/node";
import type { OutputOptions } from "./output/render.js";

/** The program-wide options (`--os-cloud`, `--local`, `--debug`…), as commander names them. */
export interface Globals {
  readonly osCloud?: string;
  readonly osRegionName?: string;
  readonly region?: string;
  readonly osInterface?: string;
  readonly interface?: string;
  readonly osAuthType?: string;
  readonly osAuthUrl?: string;
  readonly osUsername?: string;
  readonly osUserId?: string;
  readonly osPassword?: string;
  readonly osApiKey?: string;
  readonly osProjectName?: string;
  readonly osProjectId?: string;
  readonly osTenantName?: string;
  readonly osTenantId?: string;
  readonly osUserDomainName?: string;
  readonly osUserDomainId?: string;
  readonly osProjectDomainName?: string;
  readonly osProjectDomainId?: string;
  readonly osApplicationCredentialId?: string;
  readonly osApplicationCredentialSecret?: string;
  readonly osToken?: string;
  readonly osEndpoint?: string;
  readonly osImageUrl?: string;
  readonly osComputeEndpoint?: string;
  readonly osCacert?: string;
  readonly insecure?: boolean;
  readonly local?: boolean;
  readonly dataDir?: string;
  readonly timeout?: number;
  readonly debug?: boolean;
  readonly quiet?: boolean;
}

/** Everything a handler gets. */
export interface Run {
  readonly globals: Globals;
  /** The command's own options. */
  readonly opts: Readonly<Record<string, unknown>>;
  /** The command's positional arguments, in order. */
  readonly args: readonly (string | string[] | undefined)[];
  readonly output: OutputOptions;
  /** The root command (for completion). */
  readonly program: Command;
  /** Cancelled on Ctrl-C. */
  readonly signal: AbortSignal;
  /** `{ signal, timeoutMs }` for every SDK call. */
  readonly call: { readonly signal: AbortSignal; readonly timeoutMs?: number };
  /** Whether progress bars and spinners may be drawn (stderr is a terminal, no --quiet, no machine format). */
  readonly interactive: boolean;
  /** The cloud, connected on first use. */
  cloud(): Promise<Cloud>;
  /** The image client of the cloud. */
  images(): Promise<NodeImageClient>;
  /** Writes to standard output. */
  print(text: string): void;
  /** Prints one object. */
  show(fields: readonly (readonly [string, unknown])[]): Promise<void>;
  /** Prints a listing. */
  list(headers: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
  /** A note on standard error (not with --quiet). */
  notice(text: string): void;
}

/** A command's implementation. */
export type Handler = (run: Run) => Promise<void>;
