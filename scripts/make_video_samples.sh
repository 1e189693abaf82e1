#!/usr/bin/env bash
# Makes the short test clips in Samples/video/ from two still images already in Samples/ (docs: Samples/README.md,
# "Video"). Needs the `ffmpeg` command (Debian 12: ffmpeg 5.1 with libx264 and libvpx).
#
#   scripts/make_video_samples.sh            # rewrites Samples/video/
#   scripts/make_video_samples.sh DIR        # writes the clips into DIR instead
#   scripts/make_video_samples.sh --long DIR # also writes DIR/long-1080p.mp4: one minute of 1920x1080 H.264 at
#                                            # 30 fps for docs/benchmarks.md (about 45 MB; never committed)
#
# The pan clips are 3 seconds at 10 frames per second (30 frames) with a key frame every 10 frames (0, 1, 2 s),
# two B-frames between references, no scene-cut key frames, and the picture panning slowly so frames differ.
# The two quadrant clips (1 s, 64×48) carry a display matrix, for the rotation tests.
# Encoder flags are fixed and -bitexact keeps version strings out of the files. Bytes may differ between
# ffmpeg/x264 versions; the tests check timestamps, frame counts and container facts, not bytes.
set -euo pipefail
cd "$(dirname "$0")/.."

long=0
if [[ "${1:-}" == "--long" ]]; then
    long=1
    shift
fi
out=${1:-Samples/video}
mkdir -p "$out"

ai=Samples/c2pa/b_ai_es256.png     # labelled AI: its Content Credentials declare trainedAlgorithmicMedia
photo=Samples/photo/lake-scene.jpg # the "photo" stand-in

# A 3 s pan over a 320x240 still: crop 288x216 moving right and down, 10 fps.
pan="crop=288:216:'16*t/3*2':'12*t/3*2',format=yuv420p"
x264=(-c:v libx264 -preset medium -crf 26 -g 10 -keyint_min 10 -sc_threshold 0 -bf 2 -x264-params "bframes=2:b-pyramid=0")
quiet=(-hide_banner -loglevel error -y)
bitexact=(-fflags +bitexact -flags:v +bitexact -map_metadata -1)

# 1. From the AI image: MP4 (H.264), no audio.
ffmpeg "${quiet[@]}" -loop 1 -framerate 10 -i "$ai" -t 3 -vf "$pan" "${x264[@]}" "${bitexact[@]}" \
    -movflags +faststart "$out/ai-pan.mp4"

# 2. From the photo: QuickTime (H.264) with a silent mono AAC track and a creation time, for inspect.
ffmpeg "${quiet[@]}" -loop 1 -framerate 10 -i "$photo" -f lavfi -i "anullsrc=r=8000:cl=mono" -t 3 -vf "$pan" \
    "${x264[@]}" -c:a aac -b:a 16k -shortest "${bitexact[@]}" -metadata creation_time=2026-01-02T03:04:05Z \
    "$out/photo-pan.mov"

# 3. From the photo: WebM (VP8), the same key-frame layout.
ffmpeg "${quiet[@]}" -loop 1 -framerate 10 -i "$photo" -t 3 -vf "$pan" -c:v libvpx -b:v 80k -g 10 -keyint_min 10 \
    -auto-alt-ref 0 "${bitexact[@]}" "$out/photo-pan.webm"

# 4. Rotation: a 64×48 picture of four coloured quadrants (red top left, green top right, blue bottom left,
#    white bottom right), 1 s at 10 fps, one key frame, written once and then stream-copied with a display
#    matrix. FFmpeg 5.1's `rotate` tag is counter-clockwise: rotate=-90 shows the picture turned 90° clockwise
#    (as a phone held upright records it), rotate=30 turns it 30° counter-clockwise (not a quarter turn).
quad="$(mktemp -d)"
trap 'rm -rf "$quad"' EXIT
ffmpeg "${quiet[@]}" -f lavfi -i "color=red:s=32x24:r=10" -f lavfi -i "color=lime:s=32x24:r=10" \
    -f lavfi -i "color=blue:s=32x24:r=10" -f lavfi -i "color=white:s=32x24:r=10" \
    -filter_complex "[0][1]hstack[t];[2][3]hstack[b];[t][b]vstack,format=yuv420p" -t 1 \
    -c:v libx264 -preset medium -crf 20 -g 10 -bf 0 "${bitexact[@]}" "$quad/quadrants.mp4"
ffmpeg "${quiet[@]}" -i "$quad/quadrants.mp4" -c copy "${bitexact[@]}" -metadata:s:v:0 rotate=-90 \
    "$out/quadrants-cw90.mp4"
ffmpeg "${quiet[@]}" -i "$quad/quadrants.mp4" -c copy "${bitexact[@]}" -metadata:s:v:0 rotate=30 \
    "$out/quadrants-tilt30.mp4"

if ((long)); then
    # One minute of 1080p30 H.264 with x264's defaults (key frame at most every 250 frames), a moving test
    # pattern (testsrc2): for the speed benchmark only.
    ffmpeg "${quiet[@]}" -f lavfi -i "testsrc2=size=1920x1080:rate=30" -t 60 \
        -c:v libx264 -preset ultrafast -x264-params "bframes=3:cabac=1:deblock=1,0,0:8x8dct=1" \
        -b:v 6M -maxrate 8M -bufsize 12M -pix_fmt yuv420p "$out/long-1080p.mp4"
fi
ls -l "$out"
