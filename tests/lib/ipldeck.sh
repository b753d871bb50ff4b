# ipldeck.sh - sourced by system tests: ipl_deck BIN LOADADDR ENTRY writes
# (to stdout) an EBCDIC card deck that IPLs a flat binary image.
#   card 1     PSW X'00000000 0000eeee' (BC mode, disabled, at ENTRY), then
#              CCW read the next card into X'400' (command chained, SLI)
#              and TIC to X'400'
#   cards 2-   a CCW list at X'400': first reads of the rest of the list,
#              then one read per 80-byte card of the image at LOADADDR
#   the rest   the image, 80 bytes a card (the last one padded with zeros)
# LOADADDR and ENTRY are hexadecimal; the image must start above the list.

_bytes() { for x in "$@"; do printf "\\$(printf %03o $((x)))"; done; }
_ccw() {   # CMD ADDR FLAGS COUNT
    _bytes "$1" $((($2 >> 16) & 255)) $((($2 >> 8) & 255)) $(($2 & 255)) "$3" 0 $((($4 >> 8) & 255)) $(($4 & 255))
}
ipl_deck() {
    size=$(wc -c < "$1")
    load=$((0x$2)); entry=$((0x$3))
    k=$(( (size + 79) / 80 ))                  # image cards
    m=$(( (k - 1 + 8) / 9 )); [ $m -lt 1 ] && m=1   # list cards: 10m >= m-1+k
    _bytes 0 0 0 0 0 $(((entry >> 16) & 255)) $(((entry >> 8) & 255)) $((entry & 255))
    _ccw 2 $((0x400)) $((0x60)) 80
    _ccw 8 $((0x400)) 0 1
    head -c 56 /dev/zero
    {
        i=1
        while [ $i -lt $m ]; do _ccw 2 $((0x400 + 80 * i)) $((0x60)) 80; i=$((i + 1)); done
        j=0
        while [ $j -lt $k ]; do
            flags=$((0x60)); [ $j -eq $((k - 1)) ] && flags=$((0x20))
            _ccw 2 $((load + 80 * j)) $flags 80
            j=$((j + 1))
        done
        head -c $((80 * m - 8 * (m - 1 + k))) /dev/zero
    }
    cat "$1"
    head -c $((80 * k - size)) /dev/zero
}
