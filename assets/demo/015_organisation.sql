-- Demo data 015: roles, boards, meetings, Met Direction pillars, areas.

-- Roles (posts) as the seed papers name them. Where two papers spell a post
-- differently the first spelling is the title and the others are kept in
-- risk_leads.as_written / improvement_area_leads.as_written.
INSERT INTO roles (id, title, short, note, source_id) VALUES
  (1,  'Commissioner', NULL, 'Commissioner of Police of the Metropolis', 400),
  (2,  'Deputy Commissioner', 'DC', NULL, 113),
  (3,  'AC Frontline Policing', 'AC FLP', 'Assistant Commissioner', 113),
  (4,  'AC Professionalism', 'AC Prof', 'Assistant Commissioner', 113),
  (5,  'DAC Professionalism', NULL, 'Deputy Assistant Commissioner', 113),
  (6,  'Chief of Corporate Services', NULL, NULL, 113),
  (7,  'Chief Digital and Technology Officer', 'CDTO', NULL, 113),
  (8,  'SRO Estates Programme', NULL, 'Senior Responsible Owner', 113),
  (9,  'Head of Profession – CP, Inclusion & Engagement', NULL, 'Crime Prevention, Inclusion and Engagement', 113),
  (10, 'Cmdr Frontline Policing', NULL, 'Commander', 113),
  (11, 'Director of HR', NULL, NULL, 113),
  (12, 'Director Learning', NULL, NULL, 113),
  (13, 'Director of Finance', NULL, NULL, 113),
  (14, 'Director of Strategy and Governance', NULL, 'Also written "Director Strategy & Governance" and "Director Strategy and Governance"', 113),
  (15, 'Digital Policing Directors', NULL, NULL, 113),
  (16, 'Transformation Director', NULL, NULL, 113),
  (17, 'Director of Commercial Services', NULL, NULL, 113),
  (18, 'Heads of Profession', 'HoP', NULL, 113),
  (19, 'Director of Property Services', NULL, NULL, 113),
  (20, 'Director of Data', NULL, 'Written "Dir. Data" in the improvement plan', 514),
  (21, 'Director, CPIC', NULL, 'Continuous Policing Improvement Command', 511),
  (22, 'Head of Org. Learning', NULL, 'Head of Organisational Learning', 511),
  (23, 'Commander - Crime Prevention, Inclusion and Engagement', 'Cmdr CPIE', NULL, 512),
  (24, 'Deputy Mayor for Policing and Crime', NULL, 'MOPAC', 521),
  (25, 'Director of Audit, Risk and Assurance', 'DARA', 'Internal audit for MOPAC and the MPS', 520),
  (26, 'AC Met Operations', NULL, 'Assistant Commissioner; AC Nick Ephgrave led the detections effort (seed 001 para 1.24); his portfolio is not named in the seeds', 111),
  (27, 'Director of Culture', NULL, 'Post to be recruited from April/May 2023', 303);

INSERT INTO boards (id, name, body, chair_role_id, frequency, remit, source_id) VALUES
  (1,  'MPS-MOPAC Joint Audit Panel', 'MPS-MOPAC', NULL, NULL, 'Receives the risk report, the AGS and governance improvement plans, HMICFRS and DARA updates.', 115),
  (2,  'Risk and Assurance Board', 'MPS', NULL, NULL, 'Reviews corporate risks and controls, and directors'' responses to all Limited audits.', 100),
  (3,  'Management Board', 'MPS', NULL, NULL, 'Delivers Met Direction; considers a strategic assessment of trust and confidence every 4-6 months.', 200),
  (4,  'Rebuilding Trust Management Board', 'MPS', 1, NULL, 'Oversees delivery of the Rebuilding Trust plans.', 200),
  (5,  'Performance Board', 'MPS', 2, 'six-weekly', 'Receives a joint update on the Rebuilding Trust, STRIDE and VAWG plans; monitors Pillar 7 metrics.', 200),
  (6,  'MOPAC MPS Oversight Board', 'MOPAC', 24, NULL, 'Mayor''s oversight of the Met; receives Mayor''s Action Plan progress and business plan reports.', 522),
  (7,  'Performance and Risk Oversight Board', 'MOPAC', NULL, NULL, 'MOPAC board that received the More Trust update of April 2023.', 300),
  (8,  'STRIDE Delivery Board', 'MPS', 4, NULL, 'Measures performance of the STRIDE strategy; attended by MOPAC and external groups including IAGs.', 522),
  (9,  'Crime Prevention and Trust Board', 'MPS', 4, NULL, 'Crime prevention and trust governance; performance manages Positive Activity Initiatives.', 512),
  (10, 'People & Learning Board', 'MPS', 2, NULL, 'Level 2 oversight of capability, learning and development.', 510),
  (11, 'Data Board', 'MPS', NULL, 'six-weekly', 'Data management and data quality, with three subgroups.', 514),
  (12, 'Portfolio and Investment Board', 'MPS', NULL, NULL, 'Investment decisions.', 526),
  (13, 'Turnaround Board', 'external', NULL, NULL, 'External board consulted on the Turnaround Plan.', 303),
  (14, 'Counter Corruption Board', 'MPS', 5, NULL, 'Reviews and drives activity against the national counter-corruption key areas of risk.', 521),
  (15, 'Public Protection Board', 'MPS', 3, 'quarterly', 'Level 2 oversight of public protection.', 513),
  (16, 'Organisational Learning Board', 'MPS', 4, 'quarterly', 'Level 2 oversight of organisational learning.', 511);

INSERT INTO meetings (id, board_id, held_on, title, note, source_id) VALUES
  (1, 1, '2021-10-04', 'Audit Panel', 'Named in seed 001 para 1.10 as the last Audit Panel; whistleblowing action raised there (para 2.1).', 107),
  (2, 2, '2021-11-30', 'Risk and Assurance Board', 'Noted progress on the risks; Legitimacy risk a substantial agenda item.', 100),
  (3, 1, '2022-01-17', 'Audit Panel', 'Received the Met Risk Management Report (seed 001).', 115),
  (4, 1, '2022-03-28', 'Audit Panel', 'Received the Rebuilding Trust and Confidence paper (seed 000).', 200),
  (5, 1, '2022-07-04', 'Audit Panel', 'Received the draft AGS 2021/22 and GIP update (seed 004).', 500),
  (6, 7, '2023-04-28', 'Performance and Risk Oversight Board', 'Received the More Trust update (seed 002).', 300);

-- Met Direction pillars, in the order of the AGS appendix (seed 004 lines
-- 733-744) and the risk report's alignment table (seed 001 lines 201-207).
-- Numbering follows seed 000 para 1.14 ("Pillar 7 (Responsible, Exemplary &
-- Ethical)") and seed 004 ("a KPI in Pillar 2" for Positive Activity Initiatives).
INSERT INTO pillars (id, title, short, kind, source_id) VALUES
  (1, 'Focusing on what matters most to Londoners', 'What matters most', 'operational', 114),
  (2, 'Mobilising partners and the public', 'Mobilising partners', 'operational', 114),
  (3, 'Achieving the best outcomes in pursuit of justice and in the support of victims', 'Best outcomes', 'operational', 114),
  (4, 'Seize the opportunities of data and digital tech to become a world leader in policing', 'Data and digital', 'enabling', 114),
  (5, 'Care for each other, work as a team and be an attractive place to work', 'Care for each other', 'enabling', 114),
  (6, 'Learn from experience, from others and constantly strive to improve', 'Learn from experience', 'enabling', 114),
  (7, 'Be recognised as a responsible, exemplary and ethical organisation', 'Responsible, exemplary and ethical', 'enabling', 114);

-- London and its 32 boroughs (seed 002 para 4.4: "all 32 boroughs").
-- Borough names are standard; they are reference data for breakdowns.
INSERT INTO areas (name, kind, parent, source_id) VALUES
  ('London', 'london', NULL, 304);
INSERT INTO areas (name, kind, parent, source_id) VALUES
  ('Barking and Dagenham', 'borough', 'London', 304),
  ('Barnet', 'borough', 'London', 304),
  ('Bexley', 'borough', 'London', 304),
  ('Brent', 'borough', 'London', 304),
  ('Bromley', 'borough', 'London', 304),
  ('Camden', 'borough', 'London', 304),
  ('Croydon', 'borough', 'London', 304),
  ('Ealing', 'borough', 'London', 304),
  ('Enfield', 'borough', 'London', 304),
  ('Greenwich', 'borough', 'London', 304),
  ('Hackney', 'borough', 'London', 304),
  ('Hammersmith and Fulham', 'borough', 'London', 304),
  ('Haringey', 'borough', 'London', 304),
  ('Harrow', 'borough', 'London', 304),
  ('Havering', 'borough', 'London', 304),
  ('Hillingdon', 'borough', 'London', 304),
  ('Hounslow', 'borough', 'London', 304),
  ('Islington', 'borough', 'London', 304),
  ('Kensington and Chelsea', 'borough', 'London', 304),
  ('Kingston upon Thames', 'borough', 'London', 304),
  ('Lambeth', 'borough', 'London', 304),
  ('Lewisham', 'borough', 'London', 304),
  ('Merton', 'borough', 'London', 304),
  ('Newham', 'borough', 'London', 304),
  ('Redbridge', 'borough', 'London', 304),
  ('Richmond upon Thames', 'borough', 'London', 304),
  ('Southwark', 'borough', 'London', 304),
  ('Sutton', 'borough', 'London', 304),
  ('Tower Hamlets', 'borough', 'London', 304),
  ('Waltham Forest', 'borough', 'London', 304),
  ('Wandsworth', 'borough', 'London', 304),
  ('Westminster', 'borough', 'London', 304);
