// TypeDoc plugin for the reference's "every export documented" check (typedoc.json:
// validation.notDocumented with treatWarningsAsErrors). Every exported declaration, and every
// member of an exported interface or class, needs a doc comment. Exempt, because their
// documentation is their owner's:
//   - members of anonymous object types (the shapes inside zod schemas, request bodies inlined
//     from the generated OpenAPI types, inline return types): documented by the declaration
//     that has the type;
//   - language protocol methods: `toJSON`, `[Symbol.hasInstance]`, `[util.inspect.custom]`.
// The exemptions are computed for each converted package and handed to TypeDoc's own
// `intentionallyNotDocumented`, so the check itself stays TypeDoc's. As the list is computed,
// TypeDoc's notice about entries it did not need is dropped (only when typedoc.json sets none),
// and so is the one about intentionallyNotExported entries a package does not meet.
import { Converter, ReflectionKind } from "typedoc";

const PROTOCOL = new Set(["toJSON", "[hasInstance]", "[INSPECT]", "[inspect]", "[custom]"]);
const MEMBER = ReflectionKind.Property | ReflectionKind.Method | ReflectionKind.CallSignature | ReflectionKind.Accessor;

/** @param {import("typedoc").Application} app */
export function load(app) {
  const configured = () => app.options.getValue("intentionallyNotDocumented");
  let computed = false;
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const exempt = new Set(configured());
    computed ||= exempt.size === 0;
    for (const reflection of Object.values(context.project.reflections)) {
      // Only what TypeDoc's check looks at: a commentless member with a source symbol, not inside a parameter.
      if (!reflection.kindOf(MEMBER) || reflection.hasComment() || !context.project.getSymbolIdFromReflection(reflection)) continue;
      const up = ancestors(reflection);
      if (up.some((r) => r.kindOf(ReflectionKind.Parameter))) continue;
      const owner = reflection.kindOf(ReflectionKind.CallSignature) ? reflection.parent : reflection;
      if (up.some((r) => r.kindOf(ReflectionKind.TypeLiteral)) || PROTOCOL.has(owner?.name ?? "")) exempt.add(reflection.getFriendlyFullName());
    }
    app.options.setValue("intentionallyNotDocumented", [...exempt]);
  });
  const warn = app.logger.validationWarning.bind(app.logger);
  app.logger.validationWarning = (message, ...rest) => {
    const text = String(message);
    if (computed && text.startsWith("The following qualified reflection names were marked as intentionally not documented")) return;
    // typedoc.json gives every package the same intentionallyNotExported list (the spec-type
    // namespaces behind public aliases); a package that never meets one of them is fine.
    if (text.startsWith("The following symbols were marked as intentionally not exported")) return;
    warn(message, ...rest);
  };
}

function ancestors(reflection) {
  const out = [];
  for (let r = reflection.parent; r; r = r.parent) out.push(r);
  return out;
}
