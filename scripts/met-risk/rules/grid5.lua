-- met.grid5: a rule given as data rather than code, on the database's
-- five-point scale (VL = 1 .. VH = 5, as in level_values). The engine scores
-- a data rule as likelihood index x impact index (1-25) and reads the band
-- from the grid, so a team can redraw its heat map by editing the letters
-- below without touching any code. It shows that rules are swappable: on
-- this scale M v H is 3 x 4 = 12, where met.lxi4 gives 2 x 3 = 6.
--
-- The grid happens to follow the products (green up to 4, amber 5-12, red
-- 15 and over) but nothing requires a grid to; each cell is a choice.

local g, a, r = "green", "amber", "red"

gov.rule {
  id = "met.grid5",
  title = "Five-point heat map (data rule)",
  description = "Likelihood and impact on VL, L, M, H, VH; score = index x index (1-25); "
    .. "band read from a 5x5 grid: green up to 4, amber 5-12, red 15 and over.",
  likelihood = { "VL", "L", "M", "H", "VH" },
  impact = { "VL", "L", "M", "H", "VH" },
  -- Rows run from low to high likelihood, columns from low to high impact.
  grid = {
    --  VL L  M  H  VH    impact
    { g, g, g, g, a }, -- VL likelihood
    { g, g, a, a, a }, -- L
    { g, a, a, a, r }, -- M
    { g, a, a, r, r }, -- H
    { a, a, r, r, r }, -- VH
  },
}
