-- Demo data 030: key controls and their progress, December 2021 quarter
-- (seed 001 paras 1.3-1.29). Quarters are calendar quarters: the report's
-- quarter (Q3 2021/22, October-December 2021) is '2021-Q4'.
--
-- For risks 8 and 9 the paper gives counts of controls by status, not a list:
-- controls it names are described in its words, the others get a generic
-- description ("... key control n of N") and a note saying so.

-- Risk 8 CRIME PREVENTION: nine key controls, target date March 2022; six on
-- track and three limited this quarter (para 1.5).
INSERT INTO controls (id, risk_id, seq, description, owner, owner_role_id, target_date, note, source_id) VALUES
  (1, 8, 1, 'Positive Activity Initiatives (PAI): "3 or 6 week positive volunteer and partner activity in micro areas of lower confidence and higher violence", with a performance objective of at least 12 per year per BCU',
   'Neighbourhood Superintendents (forward plans due 10 January 2022)', NULL, '2022-03-31',
   'Para 1.6 describes this control directly after saying three controls are limited; it is taken to be one of the three.', 104),
  (2, 8, 2, 'Crime Prevention key control 2 of 9', NULL, NULL, '2022-03-31', 'Not named in the paper, which gives counts only (six on track, three limited).', 104),
  (3, 8, 3, 'Crime Prevention key control 3 of 9', NULL, NULL, '2022-03-31', 'Not named in the paper, which gives counts only (six on track, three limited).', 104),
  (4, 8, 4, 'Crime Prevention key control 4 of 9', NULL, NULL, '2022-03-31', 'Not named in the paper, which gives counts only (six on track, three limited).', 104),
  (5, 8, 5, 'Crime Prevention key control 5 of 9', NULL, NULL, '2022-03-31', 'Not named in the paper, which gives counts only (six on track, three limited).', 104),
  (6, 8, 6, 'Crime Prevention key control 6 of 9', NULL, NULL, '2022-03-31', 'Not named in the paper, which gives counts only (six on track, three limited).', 104),
  (7, 8, 7, 'Crime Prevention key control 7 of 9', NULL, NULL, '2022-03-31', 'Not named in the paper, which gives counts only (six on track, three limited).', 104),
  (8, 8, 8, 'Crime Prevention key control 8 of 9', NULL, NULL, '2022-03-31', 'Not named in the paper, which gives counts only (six on track, three limited).', 104),
  (9, 8, 9, 'Crime Prevention key control 9 of 9', NULL, NULL, '2022-03-31', 'Not named in the paper, which gives counts only (six on track, three limited).', 104);

INSERT INTO control_progress (control_id, period, period_end, progress, note, source_id) VALUES
  (1, '2021-Q4', '2021-12-31', 'limited', 'Some PAIs complete and others in motion, still some way to go to 12 per BCU; not all steps followed, so PAI training, recording and governance has commenced.', 104),
  (2, '2021-Q4', '2021-12-31', 'limited', NULL, 104),
  (3, '2021-Q4', '2021-12-31', 'limited', NULL, 104),
  (4, '2021-Q4', '2021-12-31', 'on_track', NULL, 104),
  (5, '2021-Q4', '2021-12-31', 'on_track', NULL, 104),
  (6, '2021-Q4', '2021-12-31', 'on_track', NULL, 104),
  (7, '2021-Q4', '2021-12-31', 'on_track', NULL, 104),
  (8, '2021-Q4', '2021-12-31', 'on_track', NULL, 104),
  (9, '2021-Q4', '2021-12-31', 'on_track', NULL, 104);

-- Risk 9 PUBLIC & LOCAL ENGAGEMENT: five key controls; three limited and one
-- marginally slipped this quarter (para 1.7). The fifth control's status is
-- not stated, so it has no progress row.
INSERT INTO controls (id, risk_id, seq, description, owner, owner_role_id, target_date, note, source_id) VALUES
  (10, 9, 1, 'Tier 1 activity (ensuring representation) and the establishment of various forums', NULL, NULL, NULL,
   'The one slipped control named by the paper.', 105),
  (11, 9, 2, 'Public & Local Engagement key control 2 of 5', NULL, NULL, NULL, 'Not named in the paper, which gives counts only (three limited, one slipped).', 105),
  (12, 9, 3, 'Public & Local Engagement key control 3 of 5', NULL, NULL, NULL, 'Not named in the paper, which gives counts only (three limited, one slipped).', 105),
  (13, 9, 4, 'Public & Local Engagement key control 4 of 5', NULL, NULL, NULL, 'Not named in the paper, which gives counts only (three limited, one slipped).', 105),
  (14, 9, 5, 'Public & Local Engagement key control 5 of 5', NULL, NULL, NULL,
   'Not named and its status not stated. The paper notes development of the StrIDE strategy to 2025 as a significant achievement this quarter without saying which control it belongs to.', 105);

INSERT INTO control_progress (control_id, period, period_end, progress, note, source_id) VALUES
  (10, '2021-Q4', '2021-12-31', 'slipped', 'Marginally slipped; reducing engagement and involvement with some under-represented communities; expected to be resolved by end December 2021.', 105),
  (11, '2021-Q4', '2021-12-31', 'limited', NULL, 105),
  (12, '2021-Q4', '2021-12-31', 'limited', NULL, 105),
  (13, '2021-Q4', '2021-12-31', 'limited', NULL, 105);

-- Risk 4 PEOPLE and risk 6 MONEY: the paper describes the work but gives a
-- status for the risk as a whole (020), not per control.
INSERT INTO controls (id, risk_id, seq, description, owner, owner_role_id, target_date, note, source_id) VALUES
  (15, 4, 1, 'Additional attraction campaigns for officer recruitment', NULL, NULL, NULL, 'Scheduled (para 1.4). Risk-level progress: limited.', 103),
  (16, 4, 2, 'Pipeline insight monitored closely concerning attraction and attrition', NULL, NULL, NULL, 'Para 1.4. Risk-level progress: limited.', 103),
  (17, 6, 1, 'Efficiency narrative for the spending review (savings and financial measures, and operational efficiency such as Axon Citizen, Box and developments in intelligence)', NULL, NULL, NULL, 'Delivered (para 1.3). Risk-level progress: on track.', 102),
  (18, 6, 2, 'Enhanced business planning process with Business Groups, reported to Management Board at frequent intervals', NULL, NULL, NULL, 'Underway (para 1.3). Risk-level progress: on track.', 102);

-- Risk 3 STANDARDS (para 1.8) and risk 10 LEGITIMACY ("Controls this quarter",
-- paras 1.11-1.29): named activity, no per-control status in the paper.
INSERT INTO controls (id, risk_id, seq, description, owner, owner_role_id, target_date, note, source_id) VALUES
  (19, 3, 1, 'Cascade of expected behaviours (appropriate boundaries, use of social media and actively intervening), supplemented by follow-up communication and engagement', NULL, NULL, NULL, NULL, 106),
  (20, 3, 2, 'Delivery of actions and priorities from the Rebuilding Trust plan, monitored by Performance Board', NULL, 1, NULL, 'A number of priorities nearing completion in line with their published dates.', 106),
  (21, 3, 3, 'Casey review into Met standards and culture', NULL, NULL, NULL, NULL, 106),
  (22, 10, 1, 'STRIDE strategy and action plan (published late September 2021)', NULL, NULL, NULL, NULL, 108),
  (23, 10, 2, 'Rebuilding Trust plan (published October 2021), with a dedicated chief officer lead and a Rebuilding Trust Management Board', 'Commander Rachel Williams', NULL, NULL, NULL, 108),
  (24, 10, 3, 'Independent external review of culture and standards led by Baroness Casey of Blackstock, beginning early January 2022', NULL, NULL, NULL, NULL, 108),
  (25, 10, 4, 'Violence Against Women and Girls Action Plan (published early November 2021; final plan by Spring 2022)', NULL, NULL, NULL, NULL, 109),
  (26, 10, 5, 'Deputy Commissioner''s Delivery Group and the Met''s 23 actions in the Mayor''s Action Plan', NULL, 2, NULL, NULL, 110),
  (27, 10, 6, 'Pan-Met effort to considerably increase detection rates, particularly for key crime types', 'AC Nick Ephgrave', 26, NULL, 'A major priority for at least the next two years.', 111),
  (28, 10, 7, 'Delivery of Met Direction and the Performance Framework, with the annual refresh of the Performance Framework for April 2022', NULL, NULL, NULL, 'Performance Framework refresh due April 2022.', 111),
  (29, 10, 8, 'Engagement and communication with communities and key stakeholders', NULL, NULL, NULL, NULL, 111),
  (30, 10, 9, 'Greater granularity from the Public Attitudes Survey and other channels, with MOPAC', NULL, NULL, NULL, NULL, 111);
