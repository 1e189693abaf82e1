"""Rewrites the INT8 CLIP export so that onnxruntime computes every MatMulInteger exactly on any x86 CPU.

Why: onnxruntime's u8s8 integer kernel on CPUs without VNNI (AVX2 `vpmaddubsw`) adds pairs of uint8 × int8
products in saturating int16, so on such machines its embeddings differ from the exact int32 sums that the
same model gives on AVX-512 VNNI machines (and that the Swift tower computes): on a 2-core AVX2 Xeon the
committed reference embedding of Tests/DeepFeaturesTests/Fixtures/clip-shapes.png came out at cosine 0.46.
This script replaces each MatMulInteger(A, B, a_zero, b_zero) by
Cast(MatMul(float(A) − a_zero, float(B − b_zero)), int32): the same integers, summed in float (exact while a
sum stays below 2^24, otherwise rounded in the last bits, as the Swift float path does). Everything else
(DynamicQuantizeLinear of the activations, scales, the float layers) is untouched.

usage: python3 scripts/deep/exact_int8_onnx.py IN.onnx OUT.onnx
       then PROVENANT_CLIP_ONNX=OUT.onnx for the scripts in scripts/deep/
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def rewrite(model):
    g = model.graph
    inits = {t.name: t for t in g.initializer}
    new_nodes, new_inits, count = [], [], 0
    for node in g.node:
        if node.op_type != "MatMulInteger":
            new_nodes.append(node)
            continue
        a, b = node.input[0], node.input[1]
        a_zp = node.input[2] if len(node.input) > 2 else ""
        b_zp = node.input[3] if len(node.input) > 3 else ""
        if b not in inits:
            raise SystemExit(f"{node.name}: weight input {b} is not an initializer")
        w = numpy_helper.to_array(inits[b]).astype(np.float32)
        if b_zp:
            w = w - numpy_helper.to_array(inits[b_zp]).astype(np.float32)
        wname = f"{b}_exact_float"
        new_inits.append(numpy_helper.from_array(w, wname))
        p = f"{node.name or node.output[0]}_exact"
        new_nodes.append(helper.make_node("Cast", [a], [p + "_a"], to=TensorProto.FLOAT))
        lhs = p + "_a"
        if a_zp:
            new_nodes.append(helper.make_node("Cast", [a_zp], [p + "_azp"], to=TensorProto.FLOAT))
            new_nodes.append(helper.make_node("Sub", [p + "_a", p + "_azp"], [p + "_ac"]))
            lhs = p + "_ac"
        new_nodes.append(helper.make_node("MatMul", [lhs, wname], [p + "_mm"]))
        new_nodes.append(helper.make_node("Cast", [p + "_mm"], [node.output[0]], to=TensorProto.INT32))
        count += 1
    del g.node[:]
    g.node.extend(new_nodes)
    g.initializer.extend(new_inits)
    used = {i for n in g.node for i in n.input}
    keep = [t for t in g.initializer if t.name in used]
    del g.initializer[:]
    g.initializer.extend(keep)
    return count


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(64)
    m = onnx.load(sys.argv[1])
    n = rewrite(m)
    onnx.save(m, sys.argv[2], save_as_external_data=True, location=sys.argv[2].split("/")[-1] + ".data")
    print(f"{n} MatMulInteger nodes rewritten -> {sys.argv[2]}")
