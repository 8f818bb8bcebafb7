/** The six JSON Schema documents of `/v2/schemas/...`, written for the emulator. */
export function imageSchemas(glance: boolean): Record<string, Record<string, unknown>> {
  const nullableString = { type: ["null", "string"] };
  const image = {
    name: "image",
    properties: {
      id: { type: "string", pattern: "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$", description: "An identifier for the image" },
      name: { ...nullableString, maxLength: 255, description: "Descriptive name for the image" },
      status: { type: "string", readOnly: true, enum: ["queued", "saving", "active", "killed", "deleted", "uploading", "importing", "pending_delete", "deactivated"], description: "Status of the image" },
      visibility: { type: "string", enum: glance ? ["community", "public", "private", "shared"] : ["public", "private"], description: "Scope of image accessibility" },
      protected: { type: "boolean", description: "If true, image will not be deletable." },
      os_hidden: { type: "boolean", description: "If true, image will not appear in default image list response." },
      checksum: { ...nullableString, readOnly: true, maxLength: 32, description: "md5 hash of image contents." },
      os_hash_algo: { ...nullableString, readOnly: true, maxLength: 64, description: "Algorithm used to compute the secure hash." },
      os_hash_value: { ...nullableString, readOnly: true, maxLength: 128, description: "Secure hash of the image data." },
      owner: { ...nullableString, maxLength: 255, description: "Owner of the image" },
      size: { type: ["null", "integer"], readOnly: true, description: "Size of image file in bytes" },
      virtual_size: { type: ["null", "integer"], readOnly: true, description: "Virtual size of image in bytes" },
      container_format: { type: ["null", "string"], enum: [null, "ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"], description: "Format of the container" },
      disk_format: { type: ["null", "string"], enum: [null, "ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"], description: "Format of the disk" },
      created_at: { type: "string", readOnly: true, description: "Date and time of image registration" },
      updated_at: { type: "string", readOnly: true, description: "Date and time of the last image modification" },
      tags: { type: "array", items: { type: "string", maxLength: 255 }, description: "List of strings related to the image" },
      min_ram: { type: "integer", description: "Amount of ram (in MB) required to boot image." },
      min_disk: { type: "integer", description: "Amount of disk space (in GB) required to boot image." },
      self: { type: "string", readOnly: true, description: "An image self url" },
      file: { type: "string", readOnly: true, description: "An image file url" },
      schema: { type: "string", readOnly: true, description: "An image schema url" },
    },
    additionalProperties: { type: "string" },
    links: [
      { rel: "self", href: "{self}" },
      { rel: "enclosure", href: "{file}" },
      { rel: "describedby", href: "{schema}" },
    ],
  };
  const member = {
    name: "member",
    properties: {
      member_id: { type: "string", description: "An identifier for the image member (tenantId)" },
      image_id: { type: "string", description: "An identifier for the image" },
      status: { type: "string", enum: ["pending", "accepted", "rejected"], description: "The status of this image member" },
      created_at: { type: "string", description: "Date and time of image member creation" },
      updated_at: { type: "string", description: "Date and time of last modification of image member" },
      schema: { type: "string", readOnly: true },
    },
  };
  const task = {
    name: "task",
    properties: {
      id: { type: "string", description: "An identifier for the task" },
      type: { type: "string", enum: ["import", "export"], description: "The type of task represented by this content" },
      status: { type: "string", enum: ["pending", "processing", "success", "failure"], description: "The current status of this task" },
      input: { type: "object", description: "The parameters required by task, JSON blob" },
      result: { type: ["null", "object"], description: "The result of current task, JSON blob" },
      owner: { type: "string", description: "An identifier for the owner of this task" },
      message: { type: "string", description: "Human-readable informative message only included when appropriate (usually on failure)" },
      expires_at: { type: ["null", "string"], description: "Datetime when this resource would be subject to removal" },
      created_at: { type: "string", description: "Datetime when this resource was created" },
      updated_at: { type: "string", description: "Datetime when this resource was updated" },
      self: { type: "string" },
      schema: { type: "string" },
    },
  };
  const listOf = (name: string, item: Record<string, unknown>, links: boolean) => ({
    name,
    properties: {
      [name]: { type: "array", items: item },
      schema: { type: "string" },
      ...(links ? { first: { type: "string" }, next: { type: "string" } } : {}),
    },
    links: links
      ? [
          { rel: "first", href: "{first}" },
          { rel: "next", href: "{next}" },
          { rel: "describedby", href: "{schema}" },
        ]
      : [],
  });
  return {
    image,
    images: listOf("images", image, true),
    member,
    members: listOf("members", member, false),
    task,
    tasks: listOf("tasks", task, true),
  };
}
