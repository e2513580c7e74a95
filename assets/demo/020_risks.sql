-- Demo data 020: the corporate risk register, December 2021
-- (seed 001, Appendix A, lines 169-207), with the progress statuses the
-- report's paragraphs 1.3-1.8 give for individual risks.
--
-- Reading of the extracted appendix:
--  * L v I cells use Cyrillic/Greek look-alikes (М, Н, н, Μ); all are M or H.
--  * Trend: \leftrightarrow and \Leftrightarrow = no change (stable).
--    \checkmark (risks 1 and 6) is the down arrow: para 1.3 says risk 6
--    "has reduced in score from High likelihood to Low likelihood".
--    Risks 9 (glyph '¢') and 11 (glyph '≁') carry glyphs unlike both, read
--    as up arrows (worsening). See the report for this uncertainty.
--  * Risk appetite: para 1.2 says the Panel was given appetite for four risks,
--    but the appetite statements are not in the paper's text, so
--    risk_appetite has no rows.

INSERT INTO risks (id, ref, name, description, owner_role_id, term, source_id) VALUES
  (1,  1,  'VIOLENT CRIME',
   'Our operational efforts and the work to mobilise partners do not translate into decreases in violent crime leading to more victims and impacting on confidence in the Met to keep London safe',
   3, 'short', 113),
  (2,  2,  'NEW SYSTEMS',
   'Failure to successfully deliver large scale Met and national technology programmes (i.e. CONNECT, Command & Control, LMS, LRM, ESM & ANPR) significantly undermining operational delivery',
   2, 'short', 113),
  (3,  3,  'STANDARDS',
   'Failure to communicate and uphold clear standards for our workforce undermines public confidence in the Met',
   4, 'short', 113),
  (4,  4,  'PEOPLE',
   'Failure to attract, recruit and retain a diverse and representative workforce and support their progression within the organisation',
   6, 'long', 113),
  (5,  5,  'CAPABILITY',
   'Failure to ensure our workforce is appropriately skilled to deliver effectively in a changing environment',
   4, 'long', 113),
  (6,  6,  'MONEY',
   'Failure to demonstrate and articulate the Met''s efficiency, VfM and financial agility leading to low confidence from our funding partners and potential loss of funding',
   6, 'long', 113),
  (7,  7,  'TECHNOLOGY',
   'Conservative approach to implementing technology and use and access to data impedes delivery – reduces ability to capture benefits, in particular qualitative benefits, of maximising value from data & technology',
   7, 'long', 113),
  (8,  8,  'CRIME PREVENTION',
   'Insufficient and ineffective crime prevention fails to prevent victimisation and undermines community confidence in policing',
   4, 'long', 113),
  (9,  9,  'PUBLIC & LOCAL ENGAGEMENT',
   'Our diversity and inclusion initiatives, communication and engagement activities do not have the positive impact sought in raising confidence amongst Black communities and other groups where a confidence gap exists',
   4, 'long', 113),
  (10, 10, 'LEGITIMACY',
   'Legitimacy in the Met is weakened',
   2, 'long', 113),
  (11, 11, 'ESTATES',
   'Failure to adapt sufficiently to new ways of using our buildings results in higher estate costs than affordable; and / or budgetary caps on estates spending resulting in estates provision that impedes our operational delivery',
   8, 'long', 113);

-- Working leads, in the order the register lists them.
INSERT INTO risk_leads (risk_id, role_id, seq, as_written, source_id) VALUES
  (1,  9,  1, 'Head of Profession – CP, Inclusion & Engagement', 113),
  (1,  10, 2, 'Cmdr Frontline Policing', 113),
  (2,  7,  1, 'Chief Digital and Technology Officer', 113),
  (3,  5,  1, 'DAC Professionalism', 113),
  (4,  11, 1, 'Director of HR', 113),
  (5,  12, 1, 'Director Learning', 113),
  (6,  13, 1, 'Director of Finance', 113),
  (6,  14, 2, 'Director of Strategy and Governance', 113),
  (7,  15, 1, 'Digital Policing Directors', 113),
  (7,  14, 2, 'Director Strategy & Governance', 113),
  (7,  16, 3, 'Transformation Director', 113),
  (7,  17, 4, 'Director of Commercial Services', 113),
  (7,  18, 5, 'Heads of Profession', 113),
  (8,  9,  1, 'Head of Profession – CP, Inclusion & Engagement', 113),
  (9,  9,  1, 'Head of Profession – CP, Inclusion & Engagement', 113),
  (10, 14, 1, 'Director of Strategy and Governance', 113),
  (11, 19, 1, 'Director of Property Services', 113);

-- Alignment with Met Direction pillars (each risk appears once in the table).
INSERT INTO risk_pillars (risk_id, pillar_id, source_id) VALUES
  (8,  1, 114),
  (1,  2, 114),
  (7,  4, 114),
  (2,  4, 114),
  (11, 5, 114),
  (5,  6, 114),
  (3,  7, 114),
  (4,  7, 114),
  (6,  7, 114),
  (9,  7, 114),
  (10, 7, 114);

-- Current position, December 2021. progress/rag only where the report states
-- them for the risk (paras 1.3-1.8); the summary's count of 7 green, 2 amber
-- and 1 red risks is kept in observations (070), not assigned to risks.
INSERT INTO risk_assessments (risk_id, as_of, period, likelihood, impact, trend, progress, rag, commentary, source_id) VALUES
  (1,  '2021-12-31', '2021-Q4', 'M',  'H',  'improving', NULL, NULL, NULL, 113),
  (2,  '2021-12-31', '2021-Q4', 'H',  'M',  'stable', NULL, NULL, NULL, 113),
  (3,  '2021-12-31', '2021-Q4', 'H',  'H',  'stable', NULL, 'amber',
   'Para 1.8: the actions agreed previously were on track, but the risk has been fundamentally recast by DAC Professionalism and the Director of Strategy to reflect the new, much bigger risk (Rebuilding Trust plan, Casey review, cascade of expected behaviours). Current assessment of this work: amber.', 113),
  (4,  '2021-12-31', '2021-Q4', 'H',  'M',  'stable', 'limited', NULL,
   'Para 1.4: second quarter of limited progress, tied to the numbers in the officer recruitment pipeline, which if sustained risks delivery of the 2022/23 workforce plan.', 113),
  (5,  '2021-12-31', '2021-Q4', 'M',  'VH', 'stable', NULL, NULL, NULL, 113),
  (6,  '2021-12-31', '2021-Q4', 'L',  'H',  'improving', 'on_track', NULL,
   'Para 1.3: on track; score reduced from High likelihood to Low likelihood after a more favourable spending review outcome.', 113),
  (7,  '2021-12-31', '2021-Q4', 'M',  'M',  'stable', NULL, NULL, NULL, 113),
  (8,  '2021-12-31', '2021-Q4', 'M',  'H',  'stable', 'limited', NULL,
   'Para 1.5: nine key controls with implementation dates to March 2022; six on track, three limited this quarter.', 113),
  (9,  '2021-12-31', '2021-Q4', 'M',  'H',  'worsening', 'slipped', NULL,
   'Para 1.7: five key controls; three limited and one marginally slipped (Tier 1 activity). Trend glyph garbled in the extracted text; read as an up arrow.', 113),
  (10, '2021-12-31', '2021-Q4', 'VH', 'VH', 'stable', NULL, NULL,
   'Paras 1.9-1.10: substantial agenda item at Risk and Assurance Board on 30 November 2021; considerable challenges to legitimacy this quarter.', 113),
  (11, '2021-12-31', '2021-Q4', 'M',  'H',  'worsening', NULL, NULL,
   'Trend glyph garbled in the extracted text; read as an up arrow.', 113);

-- Target position, December 2021.
INSERT INTO risk_targets (risk_id, as_of, likelihood, impact, source_id) VALUES
  (1,  '2021-12-31', 'L', 'M', 113),
  (2,  '2021-12-31', 'M', 'M', 113),
  (3,  '2021-12-31', 'L', 'L', 113),
  (4,  '2021-12-31', 'M', 'M', 113),
  (5,  '2021-12-31', 'L', 'L', 113),
  (6,  '2021-12-31', 'L', 'L', 113),
  (7,  '2021-12-31', 'L', 'L', 113),
  (8,  '2021-12-31', 'L', 'H', 113),
  (9,  '2021-12-31', 'M', 'M', 113),
  (10, '2021-12-31', 'M', 'M', 113),
  (11, '2021-12-31', 'L', 'M', 113);
