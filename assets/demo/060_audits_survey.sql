-- Demo data 060: audits and inspections (DARA, HMICFRS, IOPC, ICO, the
-- Casey review) with their recommendations, and the Statement of Internal
-- Control survey (seed 004, draft AGS 2021/22).
-- reported is the first day of the month the paper gives (date_precision
-- 'month') or of the year ('year'). principle is the AGS section (CIPFA
-- principle) that first cites the audit; NULL when only an improvement plan
-- cites it.

-- DARA (Directorate of Audit, Risk and Assurance) audits.
INSERT INTO audits (id, kind, review_type, title, reported, date_precision, rating, prior_rating, principle, summary, source_id) VALUES
  (1,  'DARA', 'advisory', 'Operational Training - L&D Framework', NULL, NULL, NULL, NULL, NULL,
   'Advisory review cited as Level 3 assurance for improvement area 1.', 510),
  (2,  'DARA', 'audit', 'Organisation Learning Assurance', NULL, NULL, NULL, NULL, NULL,
   'Cited as Level 3 assurance for improvement area 2; title reassembled from interleaved text.', 511),
  (3,  'DARA', 'follow_up', 'Organisational Learning and repositories', NULL, NULL, NULL, NULL, NULL,
   'Follow-up audit cited as Level 3 assurance for improvement area 2; title reassembled from interleaved text.', 511),
  (4,  'DARA', 'audit', 'Met Engagement Governance Framework', NULL, NULL, NULL, NULL, NULL,
   'Cited as Level 3 assurance for improvement area 3.', 512),
  (5,  'DARA', 'follow_up', 'Strategic Framework Supporting Partnership Arrangements/Agreements', NULL, NULL, NULL, NULL, NULL,
   'Follow-up audits cited as Level 3 assurance for improvement area 3; title reassembled from interleaved text.', 512),
  (6,  'DARA', 'audit', 'CPIC Assurance Framework and Organisational Learning', NULL, NULL, NULL, NULL, NULL,
   'Cited among the findings improvement area 4 aims to address.', 513),
  (7,  'DARA', 'audit', 'Risk Management Framework (Risk Maturity)', '2021-12-01', 'month', NULL, NULL, 'B',
   'Assessed the Met at risk maturity Level 3 ''Working'' (described in the AGS as "Risk Maturity (low) Level 3"). Effective practice: Risk Management guidance revised January 2021; Management Board members committed to effective risk management.', 522),
  (8,  'DARA', 'audit', 'Met Detention Delivery Framework - Capacity and Capability', '2021-05-01', 'month', 'limited', NULL, 'B', NULL, 522),
  (9,  'DARA', 'follow_up', 'Case File Management - Disclosure', '2021-05-01', 'month', 'adequate', NULL, 'B',
   'Collaboration with partners improved (co-location of the Met''s Head of Criminal Justice Partnership and the CPS; analysis of disclosure failures; dashboards; Rape Joint Improvement Plan).', 522),
  (10, 'DARA', 'audit', 'Digital engagement with the public - online crime recording', '2021-10-01', 'month', 'adequate', NULL, 'B',
   'Effective practice: the Single Online Home, developed after wide consultation, and the collaborative agreement between all forces sharing the SOH service hosted by the Met.', 522),
  (11, 'DARA', 'audit', 'Gun Crime, Resources, Deployment and Capability', '2021-07-01', 'month', 'adequate', NULL, 'C',
   'Effective practice: the Firearms Strategy (2020-25) and its alignment with the Business Plan and Met Direction.', 523),
  (12, 'DARA', 'follow_up', 'Benefits Realisation and Performance', '2021-05-01', 'month', 'adequate', NULL, 'C',
   'Governance boosted by the PIB Level 2 governance group; Benefits Handover Certificates issued at programme closure.', 523),
  (13, 'DARA', 'audit', 'Information Management - Data Quality including Workforce Data', '2021-05-01', 'month', 'limited', NULL, 'C', NULL, 523),
  (14, 'DARA', 'audit', 'Environment & Sustainability', '2021-09-01', 'month', 'adequate', NULL, 'C', NULL, 523),
  (15, 'DARA', 'follow_up', 'TSG use and deployment of resources', '2021-05-01', 'month', 'adequate', 'limited', 'D',
   'Improved from Limited to Adequate.', 524),
  (16, 'DARA', 'audit', 'Framework Supporting SIAM2 Development', '2021-04-01', 'month', 'adequate', NULL, 'D', NULL, 524),
  (17, 'DARA', 'audit', 'BCU Review Programme - Domestic Abuse, Management and Deployment of Resources including the Investigations Framework', '2021-11-01', 'month', 'adequate', NULL, 'E', NULL, 525),
  (18, 'DARA', 'audit', 'Programme/Project Management - Transformation Directorate Governance', '2022-02-01', 'month', 'adequate', NULL, 'E',
   'Effective practice: risk management arrangements in Transformation, with key risks regularly reviewed, escalated and reported.', 525),
  (19, 'DARA', 'follow_up', 'Financial Assurance Programme - Police Overtime', '2021-05-01', 'month', 'adequate', 'limited', 'F',
   'Improved from Limited to Adequate: monthly Gold Group and action plan, updated CARMS policy, Frontline OCU overtime action plans, monthly budget reports to OCUs.', 526),
  (20, 'DARA', 'follow_up', 'Security Clearance & Vetting', NULL, NULL, NULL, NULL, 'A',
   'Eleven of the 13 recommendations implemented.', 521);

-- HMICFRS, IOPC, ICO and the independent Casey review.
INSERT INTO audits (id, kind, review_type, title, reported, date_precision, rating, prior_rating, principle, summary, source_id) VALUES
  (30, 'HMICFRS', 'inspection', 'An inspection of the Metropolitan Police Service''s counter-corruption arrangements and other matters related to the Daniel Morgan Independent Panel', '2022-03-01', 'month', NULL, NULL, 'A',
   'Found the Met''s counter-corruption arrangements and procedures had substantial weaknesses; identified causes of concern and made recommendations. A plan to deliver the actions has been shared with the oversight body.', 521),
  (31, 'HMICFRS', 'inspection', 'National child protection inspection: assessment of progress (Child Protection report)', '2021-09-01', 'month', NULL, NULL, 'B',
   'Acknowledged progress ("senior safeguarding leads show focus and oversight in improving child protection across London") and identified areas needing further improvement.', 522),
  (32, 'HMICFRS', 'inspection', '2019 Integrated PEEL inspection', '2019-01-01', 'year', NULL, NULL, NULL,
   'Legitimacy graded Good; suggested the Met did not centrally monitor engagement activity.', 512),
  (33, 'HMICFRS', 'audit', 'Crime Data Integrity Audit', NULL, NULL, NULL, NULL, NULL,
   'Completed; cited as Level 3 assurance for improvement area 5.', 514),
  (40, 'IOPC', 'review', 'IOPC review of the application of stop and search powers (learning recommendations)', NULL, NULL, NULL, NULL, 'D',
   'Eleven learning recommendations: eight completed and embedded into everyday practice, three ongoing. Operation Coniston rolled out in October 2021: randomly selected search BWV encounters reviewed by supervisors and officers.', 524),
  (45, 'ICO', 'audit', 'ICO Audit (data protection)', NULL, NULL, NULL, NULL, NULL,
   'Completed July through November; assessment on compliance with information requests (FOIA 2000) and right of access requests (DPA 2018) favourable; action plan agreed with the regulator with 3-month milestones.', 514),
  (50, 'independent', 'review', 'Baroness Casey of Blackstock: independent review of Met culture and standards', NULL, NULL, NULL, NULL, 'A',
   'Announced October 2021, beginning January 2022. The final report (before April 2023) made 16 recommendations, not listed in the seeds.', 305);

-- Recommendations, findings and areas for improvement named in the papers.
INSERT INTO audit_recommendations (audit_id, seq, kind, text, status, note, source_id) VALUES
  (30, 1, 'cause_of_concern', 'Lack of proactive work to gather counter-corruption intelligence', 'open', NULL, 521),
  (30, 2, 'cause_of_concern', 'Lack of monitoring and oversight of declarable associations, business interests and gifts and hospitality', 'open', NULL, 521),
  (30, 3, 'cause_of_concern', 'The current professional standards operating model within the MPS is a cause of concern', 'open', NULL, 521),
  (30, 4, 'recommendation', 'Vetting of personnel in designated posts (a number of recommendations)', 'open',
   'MPS response: determine the vetting status of all personnel in designated posts, then ensure all designated post-holders are vetted to the enhanced (management vetting) level, and provide continued assurance that they always have the requisite level.', 521),
  (30, 5, 'recommendation', 'Ensure that all police officers and staff are made aware of the requirement to report any changes to their personal circumstances and establish a process whereby all parts of the organisation that need to know about the changes are always made aware of them', 'open', NULL, 521),
  (30, 6, 'recommendation', 'Strengthen business interests monitoring procedures', 'open', NULL, 521),
  (30, 7, 'recommendation', 'Facilitate the presentation and exchange of corruption-related intelligence (with effective and auditable processes), to identify officers and staff who may present a corruption risk', 'open', NULL, 521),
  (30, 8, 'recommendation', 'Declarable associations: revise policy and procedures, conduct risk assessments and maintain effective oversight of processes and registers', 'open', NULL, 521),
  (30, 9, 'recommendation', 'Sufficiently resource the units concerned with the effective monitoring of all MPS personnel assessed as presenting a high risk of corruption', 'open', NULL, 521),
  (30, 10, 'recommendation', 'Adopt an improved system of digital device management with clear expectations for compliance', 'open', 'Two recommendations on this subject (AGS section 6).', 526),
  (31, 1, 'area_for_improvement', 'How the force investigates online abuse and exploitation, including the viewing and sharing of indecent images of children', 'open', NULL, 522),
  (31, 2, 'area_for_improvement', 'The way registered sex offenders are managed', 'open', NULL, 524),
  (31, 3, 'area_for_improvement', 'How digital devices are examined', 'open', NULL, 524),
  (31, 4, 'area_for_improvement', 'Use an understanding of good practice and development needs to inform immediate and ongoing staff training, and ensure all teams involved in such work are consistent in approach and method', 'open',
   'Some Public Protection staff "under significant pressures" (workloads, staff capability and supply of detectives with the right experience).', 525),
  (32, 1, 'finding', 'The Met did not centrally monitor engagement activity', NULL, 'Addressed by the MPS Engagement Handbook (improvement area 3, complete).', 512),
  (7,  1, 'recommendation', 'Align risk management and partnership management guidance to facilitate effective risk identification and management with key partners', 'in_progress', NULL, 522),
  (8,  1, 'recommendation', 'Review and update Service Level Agreements between Met Detention and other internal stakeholders', NULL, NULL, 522),
  (8,  2, 'recommendation', 'Clearly defined roles, responsibilities and accountabilities', NULL, NULL, 525),
  (9,  1, 'recommendation', 'Review internal communications to ensure accurate advice is provided to appropriate officers and staff', NULL, NULL, 522),
  (12, 1, 'finding', 'Develop a system to support the management and realisation of benefits for high-risk / high-value "business as usual" projects or proposals', 'open', NULL, 523),
  (13, 1, 'recommendation', 'Improve metrics, KPIs and data reporting standards', NULL, 'An Advanced Analytics Strategy is in place.', 523),
  (13, 2, 'finding', 'The importance of data quality is not clearly understood by a large number of officers and staff; need to educate, change behaviours and instil "right first time" and personal responsibility for data', NULL, NULL, 526),
  (13, 3, 'finding', 'Assurance over data resource is intensive and relies on monthly downloads of data that cannot be re-run once data quality amendments are made, leading to mistrust in the data', NULL, NULL, 526),
  (14, 1, 'recommendation', 'Include sustainability and environmental factors in decision-making templates', 'implemented', 'Leaders assess that further work is needed on implementing and tracking environmental benefits.', 523),
  (15, 1, 'recommendation', 'Define expected outcomes in the delivery of TSG''s key responsibilities as a pan-London unit, with detailed analysis of demand and resourcing requirements', NULL, NULL, 524),
  (15, 2, 'recommendation', 'Consistent and accurate completion of a skills database to monitor training compliance and identify skills gaps', NULL, NULL, 525),
  (16, 1, 'recommendation', 'Clarify MPS guidance to determine accountability for key decisions', NULL, NULL, 524),
  (16, 2, 'recommendation', 'Clarify documented Programme governance arrangements on corporate oversight and key accountabilities for decision making', NULL, NULL, 524),
  (16, 3, 'recommendation', 'Follow MOPAC Contract Regulations in all cases, i.e. formal approval for route to market', NULL, NULL, 526),
  (17, 1, 'recommendation', 'Centralised monitoring and oversight of training and skills for Public Protection officers, with consistent recording of information and reliable data', NULL, NULL, 525),
  (17, 2, 'recommendation', 'Clarify governance arrangements, particularly remits, responsibilities and reporting lines', 'open', 'To be followed up.', 527),
  (18, 1, 'recommendation', 'A central skills matrix to facilitate a gap analysis to manage future training needs', NULL, NULL, 525),
  (19, 1, 'recommendation', 'A clear and consistent strategic approach to policy refresh in key areas taking account of changes resulting from the move to PSOP', NULL, NULL, 526),
  (19, 2, 'recommendation', 'Clarity and consistency within systems to monitor negative time-off and/or unelected overtime', NULL, NULL, 526),
  (19, 3, 'recommendation', 'A system to allow consistency of interpretation within individual OCU action plans, with sufficient resourcing to implement and monitor them', NULL, NULL, 526),
  (19, 4, 'recommendation', 'A continued review of the police overtime risk profile to allow early identification of emerging risks and prompt mitigating actions', NULL, NULL, 526);

-- Security Clearance & Vetting follow-up: 13 recommendations, 11 implemented.
-- The paper gives counts only; it singles out the delayed Vetting IT system.
INSERT INTO audit_recommendations (audit_id, seq, kind, text, status, note, source_id)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 11)
SELECT 20, i, 'recommendation', 'Security Clearance & Vetting recommendation ' || i || ' of 13', 'implemented',
       'Not listed in the paper, which gives counts only (11 of 13 implemented).', 521
  FROM n;
INSERT INTO audit_recommendations (audit_id, seq, kind, text, status, note, source_id) VALUES
  (20, 12, 'recommendation', 'Implementation of the new Vetting IT system', 'in_progress',
   'The AGS names this as the notable outstanding item (delayed by the core system upgrade and Met Internet Gateway dependency; slipped to next year); it is taken to be one of the two not implemented.', 521),
  (20, 13, 'recommendation', 'Security Clearance & Vetting recommendation 13 of 13', 'open',
   'Not listed in the paper, which gives counts only (11 of 13 implemented).', 521);

-- IOPC stop and search: 11 learning recommendations, 8 completed, 3 ongoing.
INSERT INTO audit_recommendations (audit_id, seq, kind, text, status, note, source_id)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8)
SELECT 40, i, 'recommendation', 'IOPC stop and search learning recommendation ' || i || ' of 11', 'implemented',
       'Not listed in the paper, which gives counts only (eight completed, three ongoing).', 524
  FROM n;
INSERT INTO audit_recommendations (audit_id, seq, kind, text, status, note, source_id) VALUES
  (40, 9, 'recommendation', 'Supervision around the use of stop and search powers', 'in_progress',
   'BCU lead officers scrutinise reports to identify teams and individuals where supervision is not carried out promptly and take action.', 524),
  (40, 10, 'recommendation', 'IOPC stop and search learning recommendation 10 of 11', 'in_progress', 'Not listed in the paper, which gives counts only (eight completed, three ongoing).', 524),
  (40, 11, 'recommendation', 'IOPC stop and search learning recommendation 11 of 11', 'in_progress', 'Not listed in the paper, which gives counts only (eight completed, three ongoing).', 524);

-- Statement of Internal Control survey: the twelve questions (seed 004,
-- AGS sections 1-7; the survey is aligned to the CIPFA principles).
INSERT INTO survey_questions (id, number, text, principle, source_id) VALUES
  (1,  1,  'I am confident that officers and staff in my area of responsibility behave with integrity, comply with laws, regulations and policies, and behave ethically', 'A', 521),
  (2,  2,  'I am confident that within my area of responsibility there are clear and effective communication channels and consultation arrangements with stakeholders and service users on priorities, resourcing and policing activity.', 'B', 522),
  (3,  3,  'I am satisfied that within my area of responsibility, our decision and service delivery processes engage partners closely and take account of service user needs effectively.', 'B', 522),
  (4,  4,  'Within my area of responsibility, we are clear about the outcomes we want to deliver towards the Met Direction, and on the economic, social and environmental benefits/ impacts of our decisions', 'C', 523),
  (5,  5,  'I am satisfied that in my area of work we have the information we need to drive decision-making, plan the interventions that will achieve our objectives, and that the processes and governance across my unit support the achievement of our intended outcomes', 'D', 524),
  (6,  6,  'I am confident that processes to identify the skills and abilities needed in my area of responsibility are effective and that our recruitment, training and learning and development processes deliver the capability and leadership we need.', 'E', 525),
  (7,  7,  'I am confident that risk management arrangements within my area of responsibility, are effective in identifying, assessing, escalating and managing risks.', 'F', 526),
  (8,  8,  'I am confident that we have robust assurance structures and effective internal controls within my area of responsibility including financial procedures, management systems and performance reporting.', 'F', 526),
  (9,  9,  'I am confident that financial management within my area of responsibility is effective; that officers and staff understand and comply with financial processes (including the MOPAC Scheme of Delegation and the Met financial instructions); that our decision-making delivers value for money; and that suspected cases of fraud or financial impropriety are referred to Finance, DARA and Professional Standards.', 'F', 526),
  (10, 10, 'I am satisfied that data is managed robustly within my area of responsibility (both in terms of quality and compliance), and that my officers and staff know and comply with statutory obligations.', 'F', 526),
  (11, 11, 'I am confident my unit is implementing good practice in terms of transparency, reporting and accountability, providing assurance to our SLT, to Management Board and to stakeholders that our actions are effective, and that our intended outcomes are being achieved.', 'G', 527),
  (12, 12, 'I am satisfied that audit and inspection reviews in my area of responsibility, whether from HMICFRS, DARA or external auditors, are constructively supported and that recommendations are effectively implemented.', 'G', 527);

-- 2021/22 results (survey refreshed in 2021; over 80 of the most senior
-- leaders asked to take part; confidence lower than last year on every question).
INSERT INTO survey_results (question_id, year, yes_pct, partly_pct, no_pct, note, source_id) VALUES
  (1,  '2021/22', 64, 36, 0, NULL, 521),
  (2,  '2021/22', 79, 21, 0, NULL, 522),
  (3,  '2021/22', 74, 26, 0, NULL, 522),
  (4,  '2021/22', 74, 23, 3, NULL, 523),
  (5,  '2021/22', 51, 49, 0, NULL, 524),
  (6,  '2021/22', 40, 49, 10, 'Lowest level of confidence among the questions. Percentages sum to 99 as printed.', 525),
  (7,  '2021/22', 79, 21, 0, NULL, 526),
  (8,  '2021/22', 69, 28, 0, 'Percentages sum to 97 as printed.', 526),
  (9,  '2021/22', 72, 28, 0, NULL, 526),
  (10, '2021/22', 46, 46, 8, NULL, 526),
  (11, '2021/22', 85, 15, 0, NULL, 527),
  (12, '2021/22', 82, 18, 0, NULL, 527);

-- 2020/21: only the YES share of question 6 is given (improvement area 1 findings).
INSERT INTO survey_results (question_id, year, yes_pct, partly_pct, no_pct, note, source_id) VALUES
  (6, '2020/21', 49, NULL, NULL, 'Given as "only 49% of respondents have confidence ..." in the findings of improvement area 1; PARTLY and NO not given.', 510);
