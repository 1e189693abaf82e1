/// ComfyUI workflow records.
///
/// ComfyUI stores the executed graph in API form (node id → `{"inputs": …, "class_type": …}`)
/// under the PNG text key `prompt`, and the editor graph (`nodes`, `links`, `last_node_id`) under
/// `workflow`. Some save nodes write the same JSON into EXIF fields prefixed `Prompt:` / `Workflow:`.
enum ComfyUIGraph {
    /// Whether `text` is an API-form graph (optionally after a `Prompt:` prefix).
    static func isAPIGraph(_ text: String) -> Bool {
        (JSONPeek.isObject(text) || JSONPeek.isObject(text, after: "Prompt:"))
            && JSONPeek.hasKey("class_type", in: text) && JSONPeek.hasKey("inputs", in: text)
    }

    /// Whether `text` is an editor graph (optionally after a `Workflow:` prefix).
    static func isEditorGraph(_ text: String) -> Bool {
        (JSONPeek.isObject(text) || JSONPeek.isObject(text, after: "Workflow:"))
            && JSONPeek.hasKey("nodes", in: text)
            && (JSONPeek.hasKey("last_node_id", in: text) || JSONPeek.hasKey("links", in: text))
    }

    /// The finding when any field holds a ComfyUI graph, and the origins it used.
    static func finding(in fields: [MetadataField]) -> (MetadataFinding, origins: [String])? {
        var parts: [String] = []
        var origins: [String] = []
        for field in fields {
            if isAPIGraph(field.text) {
                let nodes = JSONPeek.count(key: "class_type", in: field.text)
                var part = "\(field.origin): API graph with \(nodes) node\(nodes == 1 ? "" : "s")"
                for key in ["ckpt_name", "unet_name", "model_name"] {
                    if let model = JSONPeek.value(forKey: key, in: field.text) {
                        part += ", \(key) \(TextSnippet.excerpt(model, length: 60))"
                        break
                    }
                }
                parts.append(part)
                origins.append(field.origin)
            } else if isEditorGraph(field.text) {
                parts.append("\(field.origin): editor workflow")
                origins.append(field.origin)
            }
        }
        guard !parts.isEmpty else { return nil }
        let detail = "ComfyUI graph found — " + parts.prefix(3).joined(separator: "; ")
        return (
            MetadataFinding(name: "comfyui_workflow", detected: true, generator: "ComfyUI", detail: detail, strength: MetadataFinding.strong),
            origins
        )
    }
}
