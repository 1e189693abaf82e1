/// Names of image generators and generator front-ends, as they appear in free-text metadata.
///
/// Matching is case-insensitive on whole words (a match must not be preceded or followed by a
/// letter or digit). Patterns are chosen to avoid ordinary words and camera software: plain
/// "Firefly", "Imagen", "Gemini", "Runway" or "Leonardo" are not matched, only their AI
/// product forms; "Adobe Photoshop" alone is never a generator.
enum KnownGenerators {
    /// A generator and the spellings that identify it.
    struct Entry: Sendable {
        var name: String
        var patterns: [String]
    }

    static let entries: [Entry] = [
        Entry(name: "Adobe Firefly", patterns: ["adobe firefly", "firefly image", "adobe_firefly", "generative fill"]),
        Entry(name: "Midjourney", patterns: ["midjourney"]),
        Entry(name: "DALL-E", patterns: ["dall-e", "dall·e", "dall e 2", "dall e 3", "dalle2", "dalle3", "dalle-2", "dalle-3"]),
        Entry(name: "OpenAI", patterns: ["openai", "chatgpt", "gpt-image", "gpt-4o"]),
        Entry(name: "Stable Diffusion", patterns: ["stable diffusion", "stablediffusion", "stable-diffusion", "sdxl", "dreamstudio", "stability ai", "stability.ai"]),
        Entry(name: "NovelAI", patterns: ["novelai", "novel ai diffusion"]),
        Entry(name: "ComfyUI", patterns: ["comfyui"]),
        Entry(name: "InvokeAI", patterns: ["invokeai", "invoke ai"]),
        Entry(name: "AUTOMATIC1111", patterns: ["automatic1111", "stable-diffusion-webui", "sd-webui"]),
        Entry(name: "Fooocus", patterns: ["fooocus"]),
        Entry(name: "FLUX", patterns: ["flux.1", "flux-1", "black forest labs", "black-forest-labs"]),
        Entry(name: "Google Imagen / Gemini", patterns: ["google imagen", "imagen 2", "imagen 3", "imagen 4", "made with google ai", "nano banana", "gemini image", "gemini 2.5 flash image"]),
        Entry(name: "Microsoft Designer / Bing Image Creator", patterns: ["bing image creator", "microsoft designer", "image creator from microsoft", "designer.microsoft.com"]),
        Entry(name: "Meta AI", patterns: ["imagined with ai", "meta ai"]),
        Entry(name: "Leonardo.Ai", patterns: ["leonardo.ai", "leonardo ai"]),
        Entry(name: "Ideogram", patterns: ["ideogram"]),
        Entry(name: "Playground AI", patterns: ["playground ai", "playgroundai", "playground v2"]),
        Entry(name: "Runway", patterns: ["runwayml", "runway gen-", "runway ml"]),
        Entry(name: "Kandinsky", patterns: ["kandinsky"]),
        Entry(name: "DeepFloyd IF", patterns: ["deepfloyd"]),
        Entry(name: "Craiyon", patterns: ["craiyon", "dall-e mini"]),
        Entry(name: "NightCafe", patterns: ["nightcafe"]),
        Entry(name: "Krea", patterns: ["krea ai", "krea.ai"]),
        Entry(name: "Recraft", patterns: ["recraft"]),
        Entry(name: "Kolors", patterns: ["kolors"]),
        Entry(name: "Hunyuan", patterns: ["hunyuan"]),
        Entry(name: "PixArt", patterns: ["pixart-α", "pixart-alpha", "pixart-sigma"]),
        Entry(name: "Stable Cascade", patterns: ["stable cascade", "stablecascade", "würstchen", "wuerstchen"]),
        Entry(name: "Artbreeder", patterns: ["artbreeder"]),
        Entry(name: "Dream by WOMBO", patterns: ["wombo dream", "dream by wombo"]),
        Entry(name: "SeaArt", patterns: ["seaart"]),
        Entry(name: "Tensor.Art", patterns: ["tensor.art"]),
        Entry(name: "Civitai", patterns: ["civitai"]),
    ]

    /// The most Unicode scalars at the start of one text that are searched for generator names.
    ///
    /// Names sit in short fields (Software, CreatorTool, a prompt's settings line); without a cap, one
    /// decompressed PNG text chunk of many megabytes costs patterns × length comparisons, seconds per
    /// file (found by the `FuzzAnalyzer` fuzz target, docs/fuzzing.md). A name placed after this many
    /// scalars is not reported; the finding is weak and forgeable anyway.
    static let maxScannedScalars = 262_144

    /// The first generator whose pattern occurs in `text` as a whole word (within the first
    /// ``maxScannedScalars`` scalars), with the matched pattern.
    static func firstMatch(in text: String) -> (entry: Entry, pattern: String)? {
        var scanned = String.UnicodeScalarView()
        scanned.append(contentsOf: text.unicodeScalars.prefix(maxScannedScalars))
        let lowered = Array(String(scanned).lowercased().unicodeScalars)
        for entry in entries {
            for pattern in entry.patterns where containsWord(lowered, Array(pattern.unicodeScalars)) {
                return (entry, pattern)
            }
        }
        return nil
    }

    /// Whether `needle` occurs in `haystack` with no letter or digit immediately before or after it.
    static func containsWord(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start] == first {
                var equal = true
                for offset in 1..<needle.count where haystack[start + offset] != needle[offset] {
                    equal = false
                    break
                }
                if equal {
                    let beforeOK = start == 0 || !isWordScalar(haystack[start - 1])
                    let end = start + needle.count
                    let afterOK = end == haystack.count || !isWordScalar(haystack[end])
                    if beforeOK && afterOK { return true }
                }
            }
            start += 1
        }
        return false
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }
}
