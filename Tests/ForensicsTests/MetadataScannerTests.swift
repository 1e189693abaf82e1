import ImageContainers
import Testing
@testable import Forensics

@Suite("Generator metadata scanner")
struct MetadataScannerTests {
    static func png(_ items: [(String, String)]) -> ImageMetadata {
        ImageMetadata(textChunks: items.map { TextChunk(keyword: $0.0, text: $0.1, chunkType: "tEXt") })
    }

    static func exif(_ build: (inout EXIFSummary) -> Void) -> ImageMetadata {
        var summary = EXIFSummary(byteOrder: "II")
        build(&summary)
        return ImageMetadata(exif: summary)
    }

    static let a1111 = """
        a cat wearing a hat, highly detailed
        Negative prompt: blurry, lowres
        Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: 512x512, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Version: v1.6.0
        """

    @Test("AUTOMATIC1111 parameters in a PNG text chunk")
    func a1111Text() throws {
        let findings = GeneratorMetadataScanner.scan(Self.png([("parameters", Self.a1111)]))
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.name == "a1111_parameters")
        #expect(finding.detected)
        #expect(finding.generator == "AUTOMATIC1111")
        #expect(finding.forgeable)
        #expect(finding.strength == "strong")
        #expect(finding.detail.hasPrefix("PNG tEXt \"parameters\" holds AUTOMATIC1111-style generation parameters: Steps: 20, Sampler: Euler a"))
    }

    @Test("Forge and Fooocus versions in the settings line, and A1111 text in EXIF UserComment")
    func a1111Variants() {
        let forge = Self.a1111.replacingVersion("f0.0.17v1.8.0rc-latest-276")
        #expect(GeneratorMetadataScanner.scan(Self.png([("parameters", forge)])).first?.generator == "Forge")
        let fooocus = Self.a1111.replacingVersion("Fooocus v2.1.865")
        #expect(GeneratorMetadataScanner.scan(Self.png([("parameters", fooocus)])).first?.generator == "Fooocus")
        let jpeg = Self.exif { $0.userComment = Self.a1111 }
        let findings = GeneratorMetadataScanner.scan(jpeg)
        #expect(findings.map(\.name) == ["a1111_parameters"])
        #expect(findings.first?.detail.hasPrefix("EXIF UserComment holds") == true)
    }

    @Test("a prompt without a settings line is not A1111 parameters")
    func a1111Negative() {
        #expect(GeneratorMetadataScanner.scan(Self.png([("parameters", "Steps: take the stairs")])).isEmpty)
        #expect(GeneratorMetadataScanner.scan(Self.png([("Comment", "Steps: 3, Seed: none")])).isEmpty)
    }

    @Test("ComfyUI prompt and workflow chunks")
    func comfyUI() throws {
        let prompt = #"{"3": {"inputs": {"seed": 5, "steps": 20, "model": ["4", 0]}, "class_type": "KSampler"}, "4": {"inputs": {"ckpt_name": "sd_xl_base_1.0.safetensors"}, "class_type": "CheckpointLoaderSimple"}}"#
        let workflow = #"{"last_node_id": 9, "last_link_id": 9, "nodes": [{"id": 3, "type": "KSampler"}], "links": [], "version": 0.4}"#
        let findings = GeneratorMetadataScanner.scan(Self.png([("prompt", prompt), ("workflow", workflow)]))
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.name == "comfyui_workflow")
        #expect(finding.generator == "ComfyUI")
        #expect(finding.strength == "strong")
        #expect(
            finding.detail
                == "ComfyUI graph found — PNG tEXt \"prompt\": API graph with 2 nodes, ckpt_name sd_xl_base_1.0.safetensors; PNG tEXt \"workflow\": editor workflow"
        )
        // A save node that writes EXIF fields with prefixes.
        let exif = Self.exif { $0.make = "Prompt:" + prompt; $0.imageDescription = "Workflow:" + workflow }
        #expect(GeneratorMetadataScanner.scan(exif).map(\.name) == ["comfyui_workflow"])
        // Ordinary JSON is not a graph.
        #expect(GeneratorMetadataScanner.scan(Self.png([("prompt", #"{"text": "hello"}"#)])).isEmpty)
    }

    @Test("InvokeAI records, current and legacy")
    func invokeAI() {
        let current = GeneratorMetadataScanner.scan(Self.png([("invokeai_metadata", #"{"app_version": "3.4.0", "positive_prompt": "a cat", "seed": 1}"#)]))
        #expect(current.map(\.name) == ["invokeai_metadata"])
        #expect(current.first?.generator == "InvokeAI")
        #expect(current.first?.detail == "InvokeAI record found — PNG tEXt \"invokeai_metadata\" (JSON), app_version 3.4.0")
        let legacy = GeneratorMetadataScanner.scan(Self.png([("sd-metadata", #"{"model_weights": "stable-diffusion-1.5", "image": {"prompt": "x"}}"#)]))
        #expect(legacy.map(\.name) == ["invokeai_metadata"])
        let dream = GeneratorMetadataScanner.scan(Self.png([("Dream", #""a fantasy landscape" -s 50 -S 3357757885 -W 512 -H 512 -C 7.5 -A k_lms"#)]))
        #expect(dream.map(\.name) == ["invokeai_metadata"])
        #expect(GeneratorMetadataScanner.scan(Self.png([("Dream", "a dream I had")])).isEmpty)
    }

    @Test("NovelAI records need Software=NovelAI or NovelAI's settings JSON")
    func novelAI() throws {
        let record = Self.png([
            ("Title", "AI generated image"), ("Description", "1girl, smile"), ("Software", "NovelAI"),
            ("Source", "Stable Diffusion 81274D13"),
            ("Comment", #"{"steps": 28, "sampler": "k_euler_ancestral", "seed": 4044761314, "scale": 11.0, "uc": "lowres"}"#),
        ])
        let findings = GeneratorMetadataScanner.scan(record)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.name == "novelai_metadata")
        #expect(finding.generator == "NovelAI")
        #expect(
            finding.detail
                == "NovelAI record found — PNG tEXt \"Software\" = NovelAI; Source = Stable Diffusion 81274D13; Title = AI generated image; PNG tEXt \"Comment\" settings: steps 28, sampler k_euler_ancestral, seed 4044761314, scale 11.0"
        )
        // A raw converter's Source key (camera name) is not NovelAI.
        #expect(GeneratorMetadataScanner.scan(Self.png([("Source", "CanonEOS 400D DIGITAL"), ("Software", "UFRaw")])).isEmpty)
    }

    @Test("Fooocus scheme key and parameters JSON")
    func fooocus() {
        let json = #"{"prompt": "a cat", "full_prompt": ["a cat"], "styles": "['Fooocus V2']", "performance": "Speed", "base_model": "juggernautXL_v8Rundiffusion.safetensors", "version": "Fooocus v2.1.865"}"#
        let findings = GeneratorMetadataScanner.scan(Self.png([("parameters", json), ("fooocus_scheme", "fooocus")]))
        #expect(findings.map(\.name) == ["fooocus_metadata"])
        #expect(findings.first?.generator == "Fooocus")
        #expect(
            findings.first?.detail
                == "Fooocus record found — PNG tEXt \"fooocus_scheme\" = fooocus; PNG tEXt \"parameters\" JSON: version Fooocus v2.1.865, base_model juggernautXL_v8Rundiffusion.safetensors, performance Speed"
        )
    }

    @Test("Midjourney job descriptions")
    func midjourney() {
        let description = "a lighthouse at dawn --ar 3:2 Job ID: 4f5c9a7e-1b2c-4d3e-8f90-a1b2c3d4e5f6"
        let png = GeneratorMetadataScanner.scan(Self.png([("Description", description), ("Author", "someone")]))
        #expect(png.map(\.name) == ["midjourney_job"])
        #expect(png.first?.detail == "PNG tEXt \"Description\" carries a Midjourney job description (Job ID: 4f5c9a7e-1b2c-4d3e-8f90-a1b2c3d4e5f6)")
        let xmp = ImageMetadata(xmp: XMPSummary(packet: "<dc:description>x Job ID: 4f5c9a7e-1b2c-4d3e-8f90-a1b2c3d4e5f6</dc:description>"))
        #expect(GeneratorMetadataScanner.scan(xmp).map(\.generator) == ["Midjourney"])
        #expect(GeneratorMetadataScanner.scan(Self.png([("Description", "Job ID: not-a-uuid")])).isEmpty)
    }

    @Test("IPTC digital source type declarations")
    func digitalSourceType() {
        let base = "http://cv.iptc.org/newscodes/digitalsourcetype/"
        // The generative-AI rule shared with the C2PA verifier and fusion (ImageContainers.DigitalSourceType).
        for code in ["trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia", "compositeSynthetic"] {
            let findings = GeneratorMetadataScanner.scan(ImageMetadata(xmp: XMPSummary(digitalSourceType: base + code, packet: "")))
            #expect(findings.map(\.name) == ["iptc_digital_source_type"])
            #expect(findings.first?.detected == true)
            #expect(findings.first?.strength == "strong")
        }
        // algorithmicMedia is made by a non-trained algorithm: not generative AI.
        let algorithmic = GeneratorMetadataScanner.scan(ImageMetadata(xmp: XMPSummary(digitalSourceType: base + "algorithmicMedia", packet: "")))
        #expect(algorithmic.first?.detected == false)
        #expect(algorithmic.first?.detail.hasSuffix("declares media made by a non-trained algorithm (not generative AI)") == true)
        let capture = GeneratorMetadataScanner.scan(ImageMetadata(xmp: XMPSummary(digitalSourceType: base + "digitalCapture", packet: "")))
        #expect(capture.count == 1)
        #expect(capture.first?.detected == false)
        #expect(capture.first?.detail == "XMP Iptc4xmpExt:DigitalSourceType http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture declares a non-generated source (capture or human-made)")
        // Found in the packet when the summary field is empty, and the creator tool names the generator.
        let packet = #"<rdf:Description Iptc4xmpExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"/>"#
        let fromPacket = GeneratorMetadataScanner.scan(ImageMetadata(xmp: XMPSummary(creatorTool: "Adobe Firefly", packet: packet)))
        #expect(fromPacket.map(\.name) == ["iptc_digital_source_type"])
        #expect(fromPacket.first?.generator == "Adobe Firefly")
    }

    @Test("generator names in EXIF and XMP free text are weak findings")
    func names() {
        let software = GeneratorMetadataScanner.scan(Self.exif { $0.software = "Adobe Firefly" })
        #expect(software.map(\.name) == ["generator_name"])
        #expect(software.first?.generator == "Adobe Firefly")
        #expect(software.first?.strength == "weak")
        #expect(software.first?.detail == "generator named in metadata — EXIF Software: \"Adobe Firefly\"")
        let tool = GeneratorMetadataScanner.scan(ImageMetadata(xmp: XMPSummary(creatorTool: "Midjourney", packet: "")))
        #expect(tool.first?.generator == "Midjourney")
        let description = GeneratorMetadataScanner.scan(Self.exif { $0.imageDescription = "Created with DALL·E 3" })
        #expect(description.first?.generator == "DALL-E")
        let novelAI = GeneratorMetadataScanner.scan(Self.exif { $0.software = "NovelAI" })
        #expect(novelAI.map(\.name) == ["novelai_metadata"])
    }

    @Test("camera and editor metadata yields nothing")
    func negatives() {
        let camera = Self.exif {
            $0.make = "Canon"
            $0.model = "Canon EOS 5D Mark IV"
            $0.software = "Adobe Photoshop 25.0 (Windows)"
            $0.imageDescription = "EPSON DSC picture"
            $0.userComment = "Imagen de la playa"
            $0.artist = "Jane Doe"
            $0.copyright = "Firefly Studios"
        }
        #expect(GeneratorMetadataScanner.scan(camera).isEmpty)
        let lightroom = ImageMetadata(
            xmp: XMPSummary(
                creatorTool: "Adobe Photoshop Lightroom Classic 12.0",
                packet: #"<stEvt:softwareAgent>Adobe Photoshop Camera Raw 12.1</stEvt:softwareAgent>"#),
            comments: ["comment in GIMP 2.4.5"])
        #expect(GeneratorMetadataScanner.scan(lightroom).isEmpty)
        let png = Self.png([("Software", "Matplotlib version3.6.2, https://matplotlib.org/"), ("Creation Time", "2018:09:27 16:39:08")])
        #expect(GeneratorMetadataScanner.scan(png).isEmpty)
        #expect(GeneratorMetadataScanner.scan(ImageMetadata()).isEmpty)
    }

    @Test("details are single-line excerpts")
    func snippets() {
        #expect(TextSnippet.excerpt("a\n  b\tc ", length: 10) == "a b c")
        #expect(TextSnippet.excerpt("abcdefghij", length: 10) == "abcdefghij")
        #expect(TextSnippet.excerpt("abcdefghijk", length: 10) == "abcdefghij…")
        #expect(KnownGenerators.firstMatch(in: "sd_xl_base or sdxl_base")?.entry.name == "Stable Diffusion")
        #expect(KnownGenerators.firstMatch(in: "xsdxl1") == nil)
        #expect(KnownGenerators.firstMatch(in: "made with SDXL 1.0")?.entry.name == "Stable Diffusion")
    }
}

extension String {
    /// The A1111 sample text with another `Version:` value.
    fileprivate func replacingVersion(_ version: String) -> String {
        guard let range = firstRange(of: "Version: v1.6.0") else { return self }
        var copy = self
        copy.replaceSubrange(range, with: "Version: \(version)")
        return copy
    }
}
