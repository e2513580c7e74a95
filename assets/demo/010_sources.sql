-- Demo data 010: sources.
-- One row per (seed paper, section) that demo facts are transcribed from,
-- plus the two synthetic sources used by 900_synthetic.sql. Ids are fixed so
-- that later files can cite them: 1xx = seed 001, 2xx = seed 000,
-- 3xx = seed 002, 4xx = seed 003, 5xx = seed 004, 9xx = synthetic.
-- "lines" in a note are line numbers in the seed text file.

-- Seed 001: Met Risk Management Report, MPS-MOPAC Joint Audit Panel, 17 January 2022.
INSERT INTO sources (id, kind, document, seed_file, section, published, note) VALUES
  (100, 'seed', 'Met Risk Management Report (MPS-MOPAC Joint Audit Panel, 17 January 2022)', '001_5755a2d50c3f1bfd.txt',
   'Report Summary; Key Considerations for the Panel', '2022-01-17', 'lines 11-35'),
  (101, 'seed', 'Met Risk Management Report (MPS-MOPAC Joint Audit Panel, 17 January 2022)', '001_5755a2d50c3f1bfd.txt',
   'Corporate risk update, paras 1.1-1.2', '2022-01-17', 'lines 37-40'),
  (102, 'seed', 'Met Risk Management Report (MPS-MOPAC Joint Audit Panel, 17 January 2022)', '001_5755a2d50c3f1bfd.txt',
   'Risk position update, para 1.3 (Money, risk 6)', '2022-01-17', 'lines 42-46'),
  (103, 'seed', 'Met Risk Management Report (MPS-MOPAC Joint Audit Panel, 17 January 2022)', '001_5755a2d50c3f1bfd.txt',
   'Risk position update, para 1.4 (People, risk 4)', '2022-01-17', 'lines 48-50'),
  (104, 'seed', 'Met Risk Management Report (MPS-MOPAC Joint Audit Panel, 17 January 2022)', '001_5755a2d50c3f1bfd.txt',
   'Risk position update, paras 1.5-1.6 (Crime Prevention, risk 8; Positive Activity Initiatives)', '2022-01-17',
   'lines 51-53. The paper gives counts of controls by status, not a list of the controls.'),
  (105, 'seed', 'Met Risk Management Report (MPS-MOPAC Joint Audit Panel, 17 January 2022)', '001_5755a2d50c3f1bfd.txt',
   'Risk position update, para 1.7 (Public and Local Engagement, risk 9)', '2022-01-17',
   'lines 55-57. The paper gives counts of controls by status and names only the slipped one.'),
  (106, 'seed', 'Met Risk Management Report (MPS-MOPAC Joint Audit Panel, 17 January 2022)', '001_5755a2d50c3f1bfd.txt',
   'Further work on standards, para 1.8 (Standards, risk 3)', '2022-01-17', 'lines 59-61'),
  (107, 'seed', 'Met Risk Management Report (MPS-MOPAC Joint Audit Panel, 17 January 2022)', '001_5755a2d50c3f1bfd.txt',
   'Legitimacy (risk 10), paras 1.9-1.10', '2022-01-17', 'lines 63-70'),
  (108, 'seed', 'Met Risk Management Report (MPS-MOPAC Joint Audit Panel, 17 January 2022)', '001_5755a2d50c3f1bfd.txt',
   'Controls this quarter, paras 1.11-1.18 (STRIDE; Rebuilding Trust)', '2022-01-17', 'lines 72-90'),
  (109, 'seed', 'Met Risk Management Report (MPS-MOPAC Joint Audit Panel, 17 January 2022)', '001_5755a2d50c3f1bfd.txt',
   'Controls this quarter, paras 1.19-1.21 (Violence Against Women and Girls)', '2022-01-17', 'lines 92-97'),
  (110, 'seed', 'Met Risk Management Report (MPS-MOPAC Joint Audit Panel, 17 January 2022)', '001_5755a2d50c3f1bfd.txt',
   'Controls this quarter, paras 1.22-1.23 (Deputy Commissioner''s Delivery Group; Mayor''s Action Plan)', '2022-01-17', 'lines 99-102'),
  (111, 'seed', 'Met Risk Management Report (MPS-MOPAC Joint Audit Panel, 17 January 2022)', '001_5755a2d50c3f1bfd.txt',
   'Controls this quarter, paras 1.24-1.29 (Detections; Delivery; Engagement and communication)', '2022-01-17', 'lines 104-118'),
  (112, 'seed', 'Met Risk Management Report (MPS-MOPAC Joint Audit Panel, 17 January 2022)', '001_5755a2d50c3f1bfd.txt',
   'Section 2, Whistleblowing Reports, paras 2.1-2.10', '2022-01-17', 'lines 120-141'),
  (113, 'seed', 'Met Risk Management Report (MPS-MOPAC Joint Audit Panel, 17 January 2022)', '001_5755a2d50c3f1bfd.txt',
   'Appendix A - Corporate risk register December 2021 (short-term and long-term tables)', '2022-01-17',
   'lines 169-189. Cyrillic and Greek letters in the extracted L v I cells are read as the Latin M and H. Trend glyphs: \leftrightarrow and \Leftrightarrow = stable; \checkmark (risks 1 and 6) = down arrow = improving, because para 1.3 says risk 6 reduced in score; the different glyphs of risks 9 and 11 are read as up arrows (worsening).'),
  (114, 'seed', 'Met Risk Management Report (MPS-MOPAC Joint Audit Panel, 17 January 2022)', '001_5755a2d50c3f1bfd.txt',
   'Appendix A - Alignment with Met Direction pillars', '2022-01-17',
   'lines 199-207. The table has three unlabelled columns; each risk number appears once and is mapped to the pillar of its row.'),
  (115, 'seed', 'Met Risk Management Report (MPS-MOPAC Joint Audit Panel, 17 January 2022)', '001_5755a2d50c3f1bfd.txt',
   'Title block and section 7 (contact details)', '2022-01-17', 'lines 1-9, 159-161');

-- Seed 000: Rebuilding Trust and Confidence, MPS-MOPAC Joint Audit Panel, 28 March 2022.
INSERT INTO sources (id, kind, document, seed_file, section, published, note) VALUES
  (200, 'seed', 'Rebuilding Trust and Confidence (MPS-MOPAC Joint Audit Panel, 28 March 2022)', '000_e03b0bb38190390b.txt',
   'Report Summary; paras 1.1-1.6 (action plan governance)', '2022-03-28', 'lines 1-50. Table 1 (action plan governance) is not in the extracted text.'),
  (201, 'seed', 'Rebuilding Trust and Confidence (MPS-MOPAC Joint Audit Panel, 28 March 2022)', '000_e03b0bb38190390b.txt',
   'Rebuilding Trust, paras 1.7-1.8', '2022-03-28', 'lines 52-55'),
  (202, 'seed', 'Rebuilding Trust and Confidence (MPS-MOPAC Joint Audit Panel, 28 March 2022)', '000_e03b0bb38190390b.txt',
   'Rebuilding Trust, paras 1.9-1.14 (measurement of trust)', '2022-03-28', 'lines 56-66');

-- Seed 002: More Trust Update, Performance and Risk Oversight Board, 28 April 2023.
INSERT INTO sources (id, kind, document, seed_file, section, published, note) VALUES
  (300, 'seed', 'More Trust Update (Performance and Risk Oversight Board, 28 April 2023)', '002_32fc9a724781d1a0.txt',
   'Section 1, Purpose (paras 1.1-1.2); section 2, Recommendations', '2023-04-28', 'lines 1-21'),
  (301, 'seed', 'More Trust Update (Performance and Risk Oversight Board, 28 April 2023)', '002_32fc9a724781d1a0.txt',
   'Section 3, paras 3.1-3.2 (raising standards; Operation Onyx)', '2023-04-28', 'lines 23-26'),
  (302, 'seed', 'More Trust Update (Performance and Risk Oversight Board, 28 April 2023)', '002_32fc9a724781d1a0.txt',
   'Section 3, para 3.3 (investigations, suspensions, hearings, dismissals)', '2023-04-28',
   'line 28. Figures are "since September" (2022) to the paper; percentages are the stated increases, comparison base not stated.'),
  (303, 'seed', 'More Trust Update (Performance and Risk Oversight Board, 28 April 2023)', '002_32fc9a724781d1a0.txt',
   'Section 3, para 3.4 (culture)', '2023-04-28', 'line 30'),
  (304, 'seed', 'More Trust Update (Performance and Risk Oversight Board, 28 April 2023)', '002_32fc9a724781d1a0.txt',
   'Section 4, paras 4.1-4.4 (Strongest Ever Neighbourhood Policing)', '2023-04-28', 'lines 32-40'),
  (305, 'seed', 'More Trust Update (Performance and Risk Oversight Board, 28 April 2023)', '002_32fc9a724781d1a0.txt',
   'Section 5, paras 5.1-5.2 and the list of activity over the next three months', '2023-04-28', 'lines 42-59');

-- Seed 003: Rebuilding Trust - Immediate priorities (Met, October 2021).
INSERT INTO sources (id, kind, document, seed_file, section, published, note) VALUES
  (400, 'seed', 'Rebuilding Trust - Immediate priorities (Metropolitan Police Service, October 2021)', '003_f0677b51660554df.txt',
   'Foreword from the Commissioner', NULL, 'lines 19-49. Publication month from seed 001 para 1.14 (October 2021).'),
  (401, 'seed', 'Rebuilding Trust - Immediate priorities (Metropolitan Police Service, October 2021)', '003_f0677b51660554df.txt',
   'Raising standards - Our immediate priorities', NULL, 'lines 51-87'),
  (402, 'seed', 'Rebuilding Trust - Immediate priorities (Metropolitan Police Service, October 2021)', '003_f0677b51660554df.txt',
   'Improving our culture - Our immediate priorities', NULL, 'lines 89-119'),
  (403, 'seed', 'Rebuilding Trust - Immediate priorities (Metropolitan Police Service, October 2021)', '003_f0677b51660554df.txt',
   'Doing our job well - protecting women and girls; Our immediate priorities', NULL, 'lines 121-142'),
  (404, 'seed', 'Rebuilding Trust - Immediate priorities (Metropolitan Police Service, October 2021)', '003_f0677b51660554df.txt',
   'Governance - How we will deliver', NULL, 'lines 144-160');

-- Seed 004: MPS Draft Annual Governance Statement and Governance Improvement Plan,
-- MPS-MOPAC Joint Audit Panel, 4 July 2022.
INSERT INTO sources (id, kind, document, seed_file, section, published, note) VALUES
  (500, 'seed', 'MPS Draft Annual Governance Statement and Governance Improvement Plan (MPS-MOPAC Joint Audit Panel, 4 July 2022)', '004_d98cd33cc2cff478.txt',
   'Report Summary and Recommendations', '2022-07-04', 'lines 7-29'),
  (501, 'seed', 'MPS Draft Annual Governance Statement and Governance Improvement Plan (MPS-MOPAC Joint Audit Panel, 4 July 2022)', '004_d98cd33cc2cff478.txt',
   'Key updates on the 2021/22 governance improvement plans, paras 1.1-1.7', '2022-07-04', 'lines 33-41'),
  (502, 'seed', 'MPS Draft Annual Governance Statement and Governance Improvement Plan (MPS-MOPAC Joint Audit Panel, 4 July 2022)', '004_d98cd33cc2cff478.txt',
   'Para 1.8, table "Outstanding GIP actions by CIPFA Governance area"', '2022-07-04', 'lines 43-67'),
  (503, 'seed', 'MPS Draft Annual Governance Statement and Governance Improvement Plan (MPS-MOPAC Joint Audit Panel, 4 July 2022)', '004_d98cd33cc2cff478.txt',
   'Assurance mapping and Draft Annual Governance Statement, paras 1.9-1.16', '2022-07-04', 'lines 69-85'),
  (510, 'seed', 'MPS Draft Annual Governance Statement and Governance Improvement Plan (MPS-MOPAC Joint Audit Panel, 4 July 2022)', '004_d98cd33cc2cff478.txt',
   'Appendix 1, Governance improvement area 1: Capability, Learning and Development', '2022-07-04',
   'lines 111-137. The Status (Red Amber Green) column of the plan is empty in the extracted text.'),
  (511, 'seed', 'MPS Draft Annual Governance Statement and Governance Improvement Plan (MPS-MOPAC Joint Audit Panel, 4 July 2022)', '004_d98cd33cc2cff478.txt',
   'Appendix 1, Governance improvement area 2: Organisational Learning (OL)', '2022-07-04',
   'lines 139-164. The assurance mapping cells are interleaved in the extracted text; only one rating (G) survives and its level cannot be told. The Status column is empty.'),
  (512, 'seed', 'MPS Draft Annual Governance Statement and Governance Improvement Plan (MPS-MOPAC Joint Audit Panel, 4 July 2022)', '004_d98cd33cc2cff478.txt',
   'Appendix 1, Governance improvement area 3: Public and Partner Engagement', '2022-07-04',
   'lines 166-200. The governance area owner cell is empty; two ratings (G, G) survive for three levels, in an order that cannot be told. The Status column is empty.'),
  (513, 'seed', 'MPS Draft Annual Governance Statement and Governance Improvement Plan (MPS-MOPAC Joint Audit Panel, 4 July 2022)', '004_d98cd33cc2cff478.txt',
   'Appendix 1, Governance improvement area 4: Assurance Controls Level 2 and 1', '2022-07-04',
   'lines 202-232. The governance area owner cell is empty. The Status column is empty.'),
  (514, 'seed', 'MPS Draft Annual Governance Statement and Governance Improvement Plan (MPS-MOPAC Joint Audit Panel, 4 July 2022)', '004_d98cd33cc2cff478.txt',
   'Appendix 1, Governance improvement area 5: Data Management', '2022-07-04',
   'lines 234-261. The area heading is missing from the extracted text (the plan pages are titled "Governance improvement plan 5: Data Management"); two ratings (G, A) survive for three levels. The Status column is empty.'),
  (520, 'seed', 'MPS Draft Annual Governance Statement and Governance Improvement Plan (MPS-MOPAC Joint Audit Panel, 4 July 2022)', '004_d98cd33cc2cff478.txt',
   'Appendix 2, Draft AGS 2021/22: Introduction; Statement of internal control', '2022-07-04', 'lines 265-294'),
  (521, 'seed', 'MPS Draft Annual Governance Statement and Governance Improvement Plan (MPS-MOPAC Joint Audit Panel, 4 July 2022)', '004_d98cd33cc2cff478.txt',
   'Appendix 2, AGS section 1 (CIPFA principle A): Behaving with integrity ...', '2022-07-04', 'lines 296-364'),
  (522, 'seed', 'MPS Draft Annual Governance Statement and Governance Improvement Plan (MPS-MOPAC Joint Audit Panel, 4 July 2022)', '004_d98cd33cc2cff478.txt',
   'Appendix 2, AGS section 2 (CIPFA principle B): Ensuring openness and comprehensive stakeholder engagement', '2022-07-04', 'lines 366-432'),
  (523, 'seed', 'MPS Draft Annual Governance Statement and Governance Improvement Plan (MPS-MOPAC Joint Audit Panel, 4 July 2022)', '004_d98cd33cc2cff478.txt',
   'Appendix 2, AGS section 3 (CIPFA principle C): Defining outcomes ...', '2022-07-04', 'lines 434-470'),
  (524, 'seed', 'MPS Draft Annual Governance Statement and Governance Improvement Plan (MPS-MOPAC Joint Audit Panel, 4 July 2022)', '004_d98cd33cc2cff478.txt',
   'Appendix 2, AGS section 4 (CIPFA principle D): Determining the interventions ...', '2022-07-04', 'lines 472-510'),
  (525, 'seed', 'MPS Draft Annual Governance Statement and Governance Improvement Plan (MPS-MOPAC Joint Audit Panel, 4 July 2022)', '004_d98cd33cc2cff478.txt',
   'Appendix 2, AGS section 5 (CIPFA principle E): Developing the entity''s capacity ...', '2022-07-04', 'lines 512-577'),
  (526, 'seed', 'MPS Draft Annual Governance Statement and Governance Improvement Plan (MPS-MOPAC Joint Audit Panel, 4 July 2022)', '004_d98cd33cc2cff478.txt',
   'Appendix 2, AGS section 6 (CIPFA principle F): Managing risks and performance ...', '2022-07-04', 'lines 579-666'),
  (527, 'seed', 'MPS Draft Annual Governance Statement and Governance Improvement Plan (MPS-MOPAC Joint Audit Panel, 4 July 2022)', '004_d98cd33cc2cff478.txt',
   'Appendix 2, AGS section 7 (CIPFA principle G): Implementing good practices in transparency ...', '2022-07-04', 'lines 668-711'),
  (528, 'seed', 'MPS Draft Annual Governance Statement and Governance Improvement Plan (MPS-MOPAC Joint Audit Panel, 4 July 2022)', '004_d98cd33cc2cff478.txt',
   'Appendix 2, AGS: Governance Improvement Plans 2022/23; Declaration; Appendix: background and governance framework', '2022-07-04', 'lines 713-758');

-- Synthetic sources (generated by 900_synthetic.sql; not real data).
INSERT INTO sources (id, kind, document, seed_file, section, published, note) VALUES
  (900, 'synthetic', 'Synthetic corporate risk register history, 2020-Q1 to 2021-Q3', NULL, NULL, NULL,
   'GENERATED, NOT REAL. Deterministic quarterly likelihood/impact positions for the eleven December 2021 risks, written by the project for demos. They lead into the real December 2021 position (source 113) and respect what seed 001 says about the quarter before (risk 6 was High likelihood; risk 4 reported limited progress).'),
  (901, 'synthetic', 'Synthetic Public Attitudes Survey results by borough and group, 2020-Q1 to 2022-Q4', NULL, NULL, NULL,
   'GENERATED, NOT REAL. Deterministic arithmetic (no random()) over 32 boroughs x 6 groups x 12 quarters for five PAS measures, plus London rows averaged from the boroughs. Levels are plausible only; they are not MOPAC figures.');
