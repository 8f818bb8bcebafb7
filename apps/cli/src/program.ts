/**
 * The command tree: every command, its options and its help, with no handler code. Handlers
 * live in `commands/*.ts` and are loaded with `import()` only when their command runs, so
 * `--help` and `--version` load commander and nothing else.
 */
import { Command, InvalidArgumentError, Option } from "commander";
import type { Handler } from "./run-types.js";

type Loader = () => Promise<Record<string, unknown>>;

const IMAGES: Loader = () => import("./commands/images.js");
const DATA: Loader = () => import("./commands/data.js");
const MEMBERS: Loader = () => import("./commands/members.js");
const TASKS: Loader = () => import("./commands/tasks.js");
const SERVERS: Loader = () => import("./commands/servers.js");
const LEGACY: Loader = () => import("./commands/legacy.js");
const LOCAL: Loader = () => import("./commands/emulator.js");
const COMPLETION: Loader = () => import("./commands/completion.js");

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
const integer = (value: string): number => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("must be a whole number");
  return Number(value);
};

/** What a command prints: one object (`Field | Value`), a listing, or nothing. */
type OutputKind = "show" | "list" | "none";

/** Runs `handler` of the module `load` gives, with the command's arguments and options. */
function bind(cmd: Command, load: Loader, handler: string): Command {
  return cmd.action(async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const positional = args.slice(0, -2) as (string | string[] | undefined)[];
    const { runCommand } = await import("./run.js");
    await runCommand(command, positional, async () => (await load())[handler] as Handler);
  });
}

function outputOptions(cmd: Command, kind: OutputKind): Command {
  if (kind === "none") return cmd;
  const formats = kind === "list" ? ["table", "json", "yaml", "value", "csv"] : ["table", "json", "yaml", "value", "shell"];
  cmd
    .addOption(new Option("-f, --format <format>", "output format").choices(formats).default("table"))
    .option("-c, --column <name>", "show this column (repeatable; names match case-insensitively)", collect, [])
    .option("--noindent", "JSON without indentation")
    .addOption(new Option("--max-width <n>", "accepted for compatibility (tables are never wrapped)").hideHelp())
    .addOption(new Option("--fit-width", "accepted for compatibility").hideHelp());
  if (kind === "show") cmd.option("--prefix <prefix>", "prefix of the variable names (-f shell)", "");
  if (kind === "list")
    cmd
      .addOption(new Option("--quote <mode>", "CSV quoting").choices(["all", "minimal", "none", "nonnumeric"]).default("nonnumeric"))
      .option("--print-empty", "print an empty table when there is nothing to list")
      .option("--sort-column <name>", "sort the rows by this column (repeatable)", collect, [])
      .option("--sort-ascending", "with --sort-column: ascending (default)")
      .option("--sort-descending", "with --sort-column: descending");
  return cmd;
}

/** Commands where openstack takes `--project-domain`. */
const PROJECT_DOMAIN = new Set(["image create", "image list", "image set", "add project", "remove project", "member add", "member list", "member remove"]);

interface Spec {
  readonly name: string;
  readonly args?: string;
  readonly summary: string;
  readonly example: string;
  readonly output: OutputKind;
  readonly load: Loader;
  readonly handler: string;
  readonly aliases?: readonly string[];
  readonly options?: (cmd: Command) => void;
}

function add(parent: Command, spec: Spec): Command {
  const cmd = parent.command(`${spec.name}${spec.args ? ` ${spec.args}` : ""}`).description(spec.summary);
  for (const a of spec.aliases ?? []) cmd.alias(a);
  spec.options?.(cmd);
  if (PROJECT_DOMAIN.has(`${parent.name()} ${spec.name}`))
    cmd.addOption(new Option("--project-domain <domain>", "accepted for compatibility (projects are given by ID)").hideHelp());
  outputOptions(cmd, spec.output);
  cmd.addHelpText("after", `\nExample:\n  $ ${spec.example}\n`);
  return bind(cmd, spec.load, spec.handler);
}

/** A group (`image`, `image member`…): lists its commands when run alone. */
function group(parent: Command, name: string, summary: string): Command {
  return parent.command(name).description(summary);
}

function visibilityOptions(cmd: Command): void {
  cmd
    .option("--public", "accessible to everyone")
    .option("--private", "accessible to the owner only")
    .option("--community", "accessible to every project, not listed by default")
    .option("--shared", "accessible to the projects it is shared with");
}

function imageAttributeOptions(cmd: Command, create: boolean): void {
  cmd
    .option("--container-format <format>", `container format (ami, ari, aki, bare, docker, ova, ovf, compressed)${create ? "; default bare" : ""}`)
    .option("--disk-format <format>", `disk format (ami, ari, aki, vhd, vhdx, vmdk, raw, qcow2, vdi, iso, ploop)${create ? "; default raw" : ""}`)
    .option("--min-disk <gb>", "minimum disk size to boot the image, in GB", integer)
    .option("--min-ram <mb>", "minimum RAM to boot the image, in MB", integer)
    .option("--protected", "prevent deletion")
    .option("--unprotected", "allow deletion");
  visibilityOptions(cmd);
  cmd
    .option("--property <key=value>", "set a property (repeatable)", collect, [])
    .option("--tag <tag>", "set a tag (repeatable)", collect, [])
    .option("--project <project>", "owner project id")
    .option("--hidden", "hide the image from default listings")
    .option("--unhidden", "show the image in default listings");
}

function dataOptions(cmd: Command, verb: string): void {
  cmd
    .option("--file <file>", `${verb} this file (default: standard input)`)
    .option("--size <bytes>", "size of the data read from standard input, when known", integer)
    .option("--progress", "show a progress bar (the default on a terminal)")
    .option("--no-progress", "no progress bar");
}

function waitOptions(cmd: Command, what: string): void {
  cmd.option("--wait", `wait until the ${what} is done, with a spinner on a terminal`).option("--wait-timeout <seconds>", "give up waiting after this long (default 3600)", integer);
}

/** Builds the whole command tree. `version` is printed by `--version`. */
export function buildProgram(version: string): Command {
  const program = new Command("cloud-images");
  program
    .description(
      "Image commands for OpenStack Glance v2, Rackspace Cloud Images and Cloud Servers, named and flagged as `openstack image …`.\n" +
        "With no cloud configured (no --os-cloud, OS_CLOUD, OS_AUTH_URL or clouds.yaml) it runs against a local emulator.",
    )
    .version(version, "--version", "print the version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true);

  program
    .option("--os-cloud <name>", "cloud of clouds.yaml (env OS_CLOUD)")
    .option("--os-region-name <region>", "region (env OS_REGION_NAME)")
    .option("--region <region>", "same as --os-region-name")
    .addOption(new Option("--os-interface <interface>", "endpoint interface (env OS_INTERFACE)").choices(["public", "internal", "admin"]))
    .addOption(new Option("--interface <interface>", "same as --os-interface").choices(["public", "internal", "admin"]))
    .option("--os-auth-type <type>", "password, v3applicationcredential, v3token, rackspace_apikey, rackspace_password, admin_token/none (env OS_AUTH_TYPE)")
    .option("--os-auth-url <url>", "identity URL (env OS_AUTH_URL)")
    .option("--os-username <name>", "user name (env OS_USERNAME); with --local: demo or partner")
    .option("--os-user-id <id>", "user id (env OS_USER_ID)")
    .option("--os-password <password>", "password (env OS_PASSWORD)")
    .option("--os-api-key <key>", "Rackspace API key (env OS_API_KEY)")
    .option("--os-project-name <name>", "project name (env OS_PROJECT_NAME)")
    .option("--os-project-id <id>", "project id (env OS_PROJECT_ID)")
    .option("--os-tenant-name <name>", "tenant name, identity v2.0 (env OS_TENANT_NAME)")
    .option("--os-tenant-id <id>", "tenant id, identity v2.0 (env OS_TENANT_ID)")
    .option("--os-user-domain-name <name>", "user domain name (env OS_USER_DOMAIN_NAME)")
    .option("--os-user-domain-id <id>", "user domain id (env OS_USER_DOMAIN_ID)")
    .option("--os-project-domain-name <name>", "project domain name (env OS_PROJECT_DOMAIN_NAME)")
    .option("--os-project-domain-id <id>", "project domain id (env OS_PROJECT_DOMAIN_ID)")
    .option("--os-application-credential-id <id>", "application credential id")
    .option("--os-application-credential-secret <secret>", "application credential secret")
    .option("--os-token <token>", "a token: with --os-endpoint it is sent as is (env OS_TOKEN)")
    .option("--os-endpoint <url>", "image endpoint, used with --os-token and no identity (env OS_ENDPOINT)")
    .option("--os-image-url <url>", "image endpoint override (env OS_IMAGE_ENDPOINT_OVERRIDE)")
    .option("--os-compute-endpoint <url>", "compute endpoint override (env OS_COMPUTE_ENDPOINT_OVERRIDE)")
    .option("--os-cacert <file>", "CA bundle (env OS_CACERT)")
    .option("--insecure", "do not verify TLS certificates")
    .addOption(new Option("--os-image-api-version <version>", "accepted for compatibility (v2 only)").hideHelp())
    .option("--local", "use the embedded local emulator (the default when no cloud is configured)")
    .option("--data-dir <dir>", "the local emulator's data folder (env CLOUD_IMAGES_DATA_DIR; default ~/.local/share/cloud-images/emulator)")
    .option("--timeout <seconds>", "deadline of each API call", integer)
    .option("--debug", "log every request (redacted) and show stack traces")
    .option("-q, --quiet", "no progress bars or notices")
    .addOption(new Option("-v, --verbose", "accepted for compatibility").hideHelp());

  program.addHelpText(
    "after",
    "\nExamples:\n  $ cloud-images image list\n  $ cloud-images --os-cloud mycloud image create ubuntu --file ubuntu.qcow2 --disk-format qcow2\n  $ curl -sL https://example.com/x.img | cloud-images image create x --disk-format raw\n\nExit codes: 0 ok, 1 failure, 2 usage, 3 not found, 4 conflict, 5 auth, 6 server/network.\n",
  );

  const image = group(program, "image", "Glance v2 images: list, show, create, upload, save, set, share, import, tasks");

  add(image, {
    name: "list",
    summary: "List images (sorted by name; every page is fetched)",
    example: "cloud-images image list --status active --tag lts --property os_distro=ubuntu --long",
    output: "list",
    load: IMAGES,
    handler: "list",
    options: (c) => {
      visibilityOptions(c);
      c.option("--all", "images of every visibility")
        .option("--property <key=value>", "only images with this property (repeatable)", collect, [])
        .option("--name <name>", "only images with this name")
        .option("--status <status>", "only images in this status")
        .addOption(new Option("--member-status <status>", "only shared images with this member status").choices(["accepted", "pending", "rejected", "all"]))
        .option("--project <project>", "only images owned by this project")
        .option("--tag <tag>", "only images with this tag (repeatable)", collect, [])
        .option("--hidden", "list hidden images")
        .option("--long", "more columns")
        .option("--sort <key[:dir]>", "sort by key (name, status, size, created_at, …) and direction asc/desc; comma-separated", "name:asc")
        .option("--limit <n>", "at most this many images", integer)
        .option("--marker <image>", "start after this image id");
    },
  });
  add(image, {
    name: "show",
    args: "<image>",
    summary: "Show an image (by name or ID)",
    example: "cloud-images image show ubuntu-24.04 -f json",
    output: "show",
    load: IMAGES,
    handler: "show",
    options: (c) => c.option("--human-readable", "sizes as KiB/MiB/GiB"),
  });
  add(image, {
    name: "create",
    args: "<image-name>",
    summary: "Create an image, uploading its data from --file or standard input",
    example: "cloud-images image create ubuntu --file ubuntu.qcow2 --disk-format qcow2 --property os_distro=ubuntu --tag lts",
    output: "show",
    load: DATA,
    handler: "create",
    options: (c) => {
      c.option("--id <id>", "image id to reserve");
      imageAttributeOptions(c, true);
      dataOptions(c, "upload");
      c.option("--import", "upload through the interoperable import (stage + glance-direct)")
        .option("--uri <url>", "import the data from this URL (web-download)")
        .option("--store <store>", "store to upload to")
        .option("--wait-timeout <seconds>", "how long to wait for the image to be active (default 3600)", integer);
    },
  });
  add(image, {
    name: "upload",
    args: "<image>",
    summary: "Upload data to an existing (queued) image",
    example: "cloud-images image upload ubuntu --file ubuntu.qcow2",
    output: "none",
    load: DATA,
    handler: "upload",
    options: (c) => {
      dataOptions(c, "upload");
      c.option("--store <store>", "store to upload to");
    },
  });
  add(image, {
    name: "stage",
    args: "<image>",
    summary: "Stage data for a later `image import glance-direct`",
    example: "cloud-images image stage ubuntu --file ubuntu.qcow2",
    output: "none",
    load: DATA,
    handler: "stage",
    options: (c) => dataOptions(c, "stage"),
  });
  add(image, {
    name: "save",
    args: "<image>",
    summary: "Download an image's data to --file (or standard output), checking its checksum",
    example: "cloud-images image save ubuntu --file ubuntu.qcow2",
    aliases: ["download"],
    output: "none",
    load: DATA,
    handler: "save",
    options: (c) =>
      c
        .option("--file <file>", "write here (default: standard output)")
        .option("--progress", "show a progress bar (the default on a terminal)")
        .option("--no-progress", "no progress bar"),
  });
  add(image, {
    name: "set",
    args: "<image>",
    summary: "Change an image's attributes, properties, tags, state or membership",
    example: "cloud-images image set ubuntu --property os_version=24.04 --tag lts --min-ram 512",
    output: "none",
    load: IMAGES,
    handler: "set",
    options: (c) => {
      c.option("--name <name>", "new name");
      imageAttributeOptions(c, false);
      c.option("--architecture <arch>", "the architecture property")
        .option("--instance-id <id>", "the instance_uuid property")
        .option("--kernel-id <id>", "the kernel_id property")
        .option("--os-distro <distro>", "the os_distro property")
        .option("--os-version <version>", "the os_version property")
        .option("--ramdisk-id <id>", "the ramdisk_id property")
        .option("--deactivate", "deactivate the image")
        .option("--activate", "reactivate the image")
        .option("--accept", "accept the image shared with your project")
        .option("--reject", "reject the image shared with your project")
        .option("--pending", "reset your membership to pending");
    },
  });
  add(image, {
    name: "unset",
    args: "<image>",
    summary: "Remove properties or tags",
    example: "cloud-images image unset ubuntu --property os_version --tag lts",
    output: "none",
    load: IMAGES,
    handler: "unset",
    options: (c) =>
      c.option("--property <key>", "remove this property (repeatable)", collect, []).option("--tag <tag>", "remove this tag (repeatable)", collect, []),
  });
  add(image, {
    name: "delete",
    args: "<image...>",
    summary: "Delete images (by name or ID)",
    example: "cloud-images image delete old-1 old-2",
    output: "none",
    load: IMAGES,
    handler: "remove",
  });
  add(image, {
    name: "deactivate",
    args: "<image>",
    summary: "Deactivate an image (its data cannot be downloaded)",
    example: "cloud-images image deactivate ubuntu",
    output: "none",
    load: IMAGES,
    handler: "deactivate",
  });
  add(image, {
    name: "reactivate",
    args: "<image>",
    summary: "Reactivate a deactivated image",
    example: "cloud-images image reactivate ubuntu",
    output: "none",
    load: IMAGES,
    handler: "reactivate",
  });

  const tag = group(image, "tag", "Image tags");
  add(tag, { name: "add", args: "<image> <tag>", summary: "Add a tag", example: "cloud-images image tag add ubuntu lts", output: "none", load: IMAGES, handler: "tagAdd" });
  add(tag, { name: "remove", args: "<image> <tag>", summary: "Remove a tag", example: "cloud-images image tag remove ubuntu lts", aliases: ["delete"], output: "none", load: IMAGES, handler: "tagRemove" });

  const member = group(image, "member", "Sharing: the projects an image is shared with");
  add(member, {
    name: "add",
    args: "<image> <project>",
    summary: "Share an image with a project (made `shared` first when private)",
    example: "cloud-images image member add ubuntu 654321",
    aliases: ["create"],
    output: "show",
    load: MEMBERS,
    handler: "add",
  });
  add(member, { name: "list", args: "<image>", summary: "List an image's members", example: "cloud-images image member list ubuntu", output: "list", load: MEMBERS, handler: "list" });
  add(member, {
    name: "show",
    args: "<image> <project>",
    summary: "Show one membership",
    example: "cloud-images image member show ubuntu 654321",
    aliases: ["get"],
    output: "show",
    load: MEMBERS,
    handler: "show",
  });
  for (const status of ["accept", "reject"] as const)
    add(member, {
      name: status,
      args: "<image>",
      summary: `${status === "accept" ? "Accept" : "Reject"} an image shared with your project`,
      example: `cloud-images image member ${status} 0f6a5c1e-8d0a-4bfb-a0e2-7c3f2f0b1c2d`,
      output: "show",
      load: MEMBERS,
      handler: status,
      options: (c) => c.option("--project <project>", "the member project (default: yours)"),
    });
  add(member, {
    name: "remove",
    args: "<image> <project>",
    summary: "Stop sharing an image with a project",
    example: "cloud-images image member remove ubuntu 654321",
    aliases: ["delete"],
    output: "none",
    load: MEMBERS,
    handler: "remove",
  });
  add(member, {
    name: "pending",
    summary: "List images shared with your project and waiting for an answer",
    example: "cloud-images image member pending",
    output: "list",
    load: MEMBERS,
    handler: "pending",
  });
  const addGroup = group(image, "add", "openstack's `image add project`");
  add(addGroup, { name: "project", args: "<image> <project>", summary: "Share an image with a project (same as image member add)", example: "cloud-images image add project ubuntu 654321", output: "show", load: MEMBERS, handler: "add" });
  const removeGroup = group(image, "remove", "openstack's `image remove project`");
  add(removeGroup, { name: "project", args: "<image> <project>", summary: "Stop sharing (same as image member remove)", example: "cloud-images image remove project ubuntu 654321", output: "none", load: MEMBERS, handler: "remove" });

  add(image, {
    name: "import",
    args: "<args...>",
    summary: "Import data into an image: `image import [glance-direct|web-download|copy-image] <image> [<uri>]`",
    example: "cloud-images image import web-download ubuntu https://example.com/ubuntu.qcow2 --wait",
    output: "show",
    load: DATA,
    handler: "importImage",
    options: (c) => {
      c.addOption(new Option("--method <method>", "import method (when not given as the first argument)").choices(["glance-direct", "web-download", "copy-image"]))
        .option("--uri <url>", "web-download: the URL")
        .option("--store <store>", "target store (repeatable)", collect, [])
        .option("--all-stores", "import into every store")
        .option("--allow-failure", "succeed when some stores fail (default)")
        .option("--disallow-failure", "fail when any store fails");
      waitOptions(c, "import");
    },
  });

  const task = group(image, "task", "Image tasks (import/export)");
  add(task, {
    name: "list",
    summary: "List tasks",
    example: "cloud-images image task list --type import --status success",
    output: "list",
    load: TASKS,
    handler: "list",
    options: (c) =>
      c
        .option("--type <type>", "import or export")
        .option("--status <status>", "pending, processing, success or failure")
        .option("--sort-key <key>", "id, type, status, created_at, updated_at, owner, expires_at")
        .addOption(new Option("--sort-dir <dir>", "sort direction").choices(["asc", "desc"]))
        .option("--limit <n>", "at most this many tasks", integer)
        .option("--marker <task>", "start after this task id"),
  });
  add(task, { name: "show", args: "<task>", summary: "Show a task", example: "cloud-images image task show 5d7c…", output: "show", load: TASKS, handler: "show" });
  add(task, {
    name: "import",
    summary: "Start an import task (Rackspace Cloud Images: from a Cloud Files object)",
    example: "cloud-images image task import --from images/ubuntu.vhd --import-from-format vhd --property name=ubuntu --wait",
    output: "show",
    load: TASKS,
    handler: "importTask",
    options: (c) => {
      c.requiredOption("--from <location>", "where the data is (container/object, or a URL)")
        .option("--import-from-format <format>", "disk format of the data", "vhd")
        .option("--property <key=value>", "image property (repeatable), e.g. name=ubuntu", collect, []);
      waitOptions(c, "task");
    },
  });
  add(task, {
    name: "export",
    args: "<image>",
    summary: "Start an export task to a Cloud Files container",
    example: "cloud-images image task export ubuntu --container exports --wait",
    output: "show",
    load: TASKS,
    handler: "exportTask",
    options: (c) => {
      c.requiredOption("--container <container>", "receiving container");
      waitOptions(c, "task");
    },
  });

  add(image, {
    name: "wait",
    args: "<image>",
    summary: "Wait until an image reaches a status (a spinner shows it on a terminal)",
    example: "cloud-images image wait ubuntu --status active --timeout 600",
    output: "show",
    load: IMAGES,
    handler: "wait",
    options: (c) =>
      c
        .option("--status <status>", "active (default), deactivated, queued, uploading, importing, saving, deleted", "active")
        .option("--wait-timeout <seconds>", "give up after this long (default 3600)", integer),
  });
  add(image, {
    name: "stores",
    summary: "List the stores images can be put in",
    example: "cloud-images image stores --detail",
    output: "list",
    load: IMAGES,
    handler: "stores",
    options: (c) => c.option("--detail", "with each store's properties (admin)"),
  });
  add(image, { name: "usage", summary: "Show the project's image quota usage", example: "cloud-images image usage", output: "list", load: IMAGES, handler: "usage" });
  add(image, { name: "import-info", summary: "Show the import methods the cloud offers", example: "cloud-images image import-info", output: "show", load: IMAGES, handler: "importInfo" });
  const schema = group(image, "schema", "The JSON schemas of the image API");
  add(schema, {
    name: "show",
    args: "<name>",
    summary: "Show a schema: image, images, member, members, task, tasks",
    example: "cloud-images image schema show image -f json",
    output: "show",
    load: IMAGES,
    handler: "schemaShow",
  });

  const server = group(program, "server", "Cloud Servers (next-gen compute v2)");
  add(server, { name: "list", summary: "List servers", example: "cloud-images server list", output: "list", load: SERVERS, handler: "serverList" });
  const serverImage = group(server, "image", "Server images (snapshots) through compute /images");
  add(serverImage, {
    name: "create",
    args: "<server>",
    summary: "Snapshot a server into a new image",
    example: "cloud-images server image create web-1 --name web-1-nightly --wait",
    output: "show",
    load: SERVERS,
    handler: "create",
    options: (c) => {
      c.option("--name <name>", "image name (default: the server's name)").option("--property <key=value>", "image metadata (repeatable)", collect, []);
      waitOptions(c, "snapshot");
    },
  });
  add(serverImage, {
    name: "list",
    summary: "List images as compute sees them",
    example: "cloud-images server image list --type SNAPSHOT --long",
    output: "list",
    load: SERVERS,
    handler: "list",
    options: (c) =>
      c
        .option("--server <server>", "snapshots of this server")
        .option("--status <status>", "ACTIVE, SAVING, ERROR, DELETED, UNKNOWN")
        .addOption(new Option("--type <type>", "BASE or SNAPSHOT").choices(["BASE", "SNAPSHOT"]))
        .option("--name <name>", "only images with this name")
        .option("--long", "more columns"),
  });
  add(serverImage, { name: "show", args: "<image>", summary: "Show an image as compute sees it", example: "cloud-images server image show 5d7c…", output: "show", load: SERVERS, handler: "show" });
  add(serverImage, { name: "delete", args: "<image>", summary: "Delete an image through compute", example: "cloud-images server image delete 5d7c…", output: "none", load: SERVERS, handler: "remove" });

  const legacy = group(program, "legacy", "First-generation Cloud Servers (v1.0)");
  const legacyImage = group(legacy, "image", "v1.0 images");
  add(legacyImage, {
    name: "list",
    summary: "List v1.0 images",
    example: "cloud-images legacy image list --long",
    output: "list",
    load: LEGACY,
    handler: "list",
    options: (c) => c.option("--long", "more columns").option("--limit <n>", "at most this many", integer),
  });
  add(legacyImage, { name: "show", args: "<image>", summary: "Show a v1.0 image (by id or name)", example: "cloud-images legacy image show 112", output: "show", load: LEGACY, handler: "show" });
  add(legacyImage, {
    name: "create",
    args: "<server>",
    summary: "Snapshot a v1.0 server",
    example: "cloud-images legacy image create 4001 --name nightly --wait",
    output: "show",
    load: LEGACY,
    handler: "create",
    options: (c) => {
      c.requiredOption("--name <name>", "image name");
      waitOptions(c, "snapshot");
    },
  });
  add(legacyImage, { name: "delete", args: "<image>", summary: "Delete a v1.0 image", example: "cloud-images legacy image delete 1001", output: "none", load: LEGACY, handler: "remove" });
  const legacyServer = group(legacy, "server", "v1.0 servers");
  add(legacyServer, { name: "list", summary: "List v1.0 servers", example: "cloud-images legacy server list", output: "list", load: LEGACY, handler: "serverList" });

  const emulator = group(program, "emulator", "The local emulator");
  emulator
    .command("start")
    .description("Serve the local emulator (identity v2.0, Cloud Images in glance mode, Cloud Files, Cloud Servers) until Ctrl-C")
    .option("--port <port>", "TCP port (0: any free one)", integer, 8900)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .addOption(new Option("--mode <mode>", "image service flavour").choices(["glance", "rackspace"]).default("glance"))
    .option("--job-duration <ms>", "how long tasks and snapshots take", integer)
    .addHelpText("after", "\nExample:\n  $ cloud-images emulator start --port 8900   # then: cloud-images --local image list (uses it)\n");
  bind(emulator.commands[0]!, LOCAL, "start");

  const completion = program
    .command("completion <shell>")
    .description("Print a completion script: bash or zsh")
    .addHelpText("after", '\nExamples:\n  $ source <(cloud-images completion bash)\n  $ cloud-images completion zsh > "${fpath[1]}/_cloud-images"\n');
  bind(completion, COMPLETION, "completion");

  // The glance client's names.
  const glance = (name: string, target: string[], argsSpec?: string): void => {
    const real = findCommand(program, target);
    const alias = program.command(`${name}${argsSpec ?? ""}`, { hidden: true }).description(`glance's name for \`${target.join(" ")}\``);
    for (const o of real.options) alias.addOption(o);
    if (argsSpec === undefined) for (const a of real.registeredArguments) alias.addArgument(a);
    alias.addHelpText("after", `\nSame as: cloud-images ${target.join(" ")}\n`);
    alias.action(async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const positional = args.slice(0, -2) as (string | string[] | undefined)[];
      const { runCommand } = await import("./run.js");
      await runCommand(command, positional, async () => (await GLANCE_TARGETS[target.join(" ")]!())!);
    });
  };
  for (const [name, target] of GLANCE_ALIASES) glance(name, target);
  return program;
}

/** glance client command → this CLI's command. */
const GLANCE_ALIASES: readonly (readonly [string, string[]])[] = [
  ["image-list", ["image", "list"]],
  ["image-show", ["image", "show"]],
  ["image-create", ["image", "create"]],
  ["image-upload", ["image", "upload"]],
  ["image-stage", ["image", "stage"]],
  ["image-download", ["image", "save"]],
  ["image-update", ["image", "set"]],
  ["image-delete", ["image", "delete"]],
  ["image-deactivate", ["image", "deactivate"]],
  ["image-reactivate", ["image", "reactivate"]],
  ["image-import", ["image", "import"]],
  ["image-tag-update", ["image", "tag", "add"]],
  ["image-tag-delete", ["image", "tag", "remove"]],
  ["member-create", ["image", "member", "add"]],
  ["member-list", ["image", "member", "list"]],
  ["member-get", ["image", "member", "show"]],
  ["member-delete", ["image", "member", "remove"]],
  ["task-list", ["image", "task", "list"]],
  ["task-show", ["image", "task", "show"]],
  ["stores-info", ["image", "stores"]],
  ["usage", ["image", "usage"]],
  ["import-info", ["image", "import-info"]],
];

const handlerOf = (load: Loader, name: string) => async (): Promise<Handler> => (await load())[name] as Handler;
const GLANCE_TARGETS: Readonly<Record<string, () => Promise<Handler>>> = {
  "image list": handlerOf(IMAGES, "list"),
  "image show": handlerOf(IMAGES, "show"),
  "image create": handlerOf(DATA, "create"),
  "image upload": handlerOf(DATA, "upload"),
  "image stage": handlerOf(DATA, "stage"),
  "image save": handlerOf(DATA, "save"),
  "image set": handlerOf(IMAGES, "set"),
  "image delete": handlerOf(IMAGES, "remove"),
  "image deactivate": handlerOf(IMAGES, "deactivate"),
  "image reactivate": handlerOf(IMAGES, "reactivate"),
  "image import": handlerOf(DATA, "importImage"),
  "image tag add": handlerOf(IMAGES, "tagAdd"),
  "image tag remove": handlerOf(IMAGES, "tagRemove"),
  "image member add": handlerOf(MEMBERS, "add"),
  "image member list": handlerOf(MEMBERS, "list"),
  "image member show": handlerOf(MEMBERS, "show"),
  "image member remove": handlerOf(MEMBERS, "remove"),
  "image task list": handlerOf(TASKS, "list"),
  "image task show": handlerOf(TASKS, "show"),
  "image stores": handlerOf(IMAGES, "stores"),
  "image usage": handlerOf(IMAGES, "usage"),
  "image import-info": handlerOf(IMAGES, "importInfo"),
};

/** The command at `path` below `root` (every path used here exists). */
export function findCommand(root: Command, path: readonly string[]): Command {
  let cmd = root;
  for (const name of path) cmd = cmd.commands.find((c) => c.name() === name)!;
  return cmd;
}
