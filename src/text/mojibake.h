// Mojibake repair: UTF-8 text that some earlier step decoded as
// Windows-1252 or Latin-1 ("cafÃ©", "Thereâ€™s", "Â£71.6m"), once or twice
// ("Ã¢â‚¬â„¢"), turned back into what was written.
//
// Every mis-decoded UTF-8 sequence leaves a lead character (Â..ô, the
// Latin-1 reading of the bytes 0xC2..0xF4) followed by one to three
// stand-ins for continuation bytes (0x80..0xBF: the Windows-1252 specials
// € ‚ ƒ … ™ œ, the C1 controls that Latin-1 gives, or NBSP..¿). A run is
// undone only when its bytes form valid UTF-8 of the right shape, the
// character it gives is a plausible one, and its neighbours make the
// repaired reading the likelier one (see mojibake.cc); when the pattern is
// also something correct text writes ("IRMÃ”" ends in a capital Ã before a
// quote), it waits for evidence of real mojibake elsewhere in the line.
// Correct text ("SÃO PAULO", "AÇÃO", "£5", "Âmbar") never matches.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsclean {

// A cheap test that finds no mojibake in most lines without decoding them:
// false when `line` holds no lead character followed by a continuation
// stand-in (a look at the bytes after each 0xC3, found 16 bytes at a time;
// see mojibake_may_start_at).
bool may_hold_mojibake(std::string_view line);

// Whether the 0xC3 at line[i] may start mis-decoded text: the test that
// may_hold_mojibake makes at a 0xC3, for a pass that reads every byte
// anyway (the normaliser's) to make as it goes.
bool mojibake_may_start_at(std::string_view line, std::size_t i);

// Writes `line` with its mis-decoded runs undone to `out` and returns how
// many characters were repaired; 0 (and `out` unspecified) when none was.
// Text encoded wrongly twice is undone twice. Invalid UTF-8 is left as it is.
std::size_t repair_mojibake(std::string_view line, std::string& out);

}  // namespace newsclean
