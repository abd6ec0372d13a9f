import { InitialSchema1795879642675 } from './1795879642675-InitialSchema';
import { TraineeRecords1795880989284 } from './1795880989284-TraineeRecords';
import { CaseloadIndexes1795882411900 } from './1795882411900-CaseloadIndexes';
import { Learning1795883096749 } from './1795883096749-Learning';
import { Orders1795884029187 } from './1795884029187-Orders';
import { Placements1795893818997 } from './1795893818997-Placements';
import { Fairs1795895646465 } from './1795895646465-Fairs';
import { Matching1795897866989 } from './1795897866989-Matching';
import { FollowUps1795899287877 } from './1795899287877-FollowUps';
import { NotificationPreferences1795901713976 } from './1795901713976-NotificationPreferences';
import { MatchingTiers1795918815022 } from './1795918815022-MatchingTiers';
import { CertificateHoldersIndex1795919332331 } from './1795919332331-CertificateHoldersIndex';
import { NeutralDiplomaNumbers1796411573763 } from './1796411573763-NeutralDiplomaNumbers';
import { IdentityMaskColumns1796411832365 } from './1796411832365-IdentityMaskColumns';
import { ControlledVocabulary1796412043780 } from './1796412043780-ControlledVocabulary';
import { TraineeSnapshot1796416386554 } from './1796416386554-TraineeSnapshot';
import { IdempotencyKeys1796421448397 } from './1796421448397-IdempotencyKeys';
import { Installation1796421460376 } from './1796421460376-Installation';
import { AuditPrune1796421464225 } from './1796421464225-AuditPrune';
import { AuditChain1796423648690 } from './1796423648690-AuditChain';
import { SeparatedAdminRoles1796423657863 } from './1796423657863-SeparatedAdminRoles';
import { MfaEnrolment1796423728335 } from './1796423728335-MfaEnrolment';
import { SessionDevices1796423739489 } from './1796423739489-SessionDevices';
import { SignInThrottle1796423845111 } from './1796423845111-SignInThrottle';
import { JobQueue1796433143397 } from './1796433143397-JobQueue';
import { TraineeOutcome1796444386213 } from './1796444386213-TraineeOutcome';
import { ListKeysetIndexes1796444965301 } from './1796444965301-ListKeysetIndexes';
import { CaseloadKeyset1796445293443 } from './1796445293443-CaseloadKeyset';
import { JobLimitRules1796500400000 } from './1796500400000-JobLimitRules';
import { TraineeEpisodes1796500000000 } from './1796500000000-TraineeEpisodes';
import { RecordSealing1796500900000 } from './1796500900000-RecordSealing';
import { EmployerSeen1796501130000 } from './1796501130000-EmployerSeen';
import { MatchingUnderRowSecurity1796501200000 } from './1796501200000-MatchingUnderRowSecurity';
import { OrderOutcome1796501300000 } from './1796501300000-OrderOutcome';
import { MatchingCountFromIndex1796501400000 } from './1796501400000-MatchingCountFromIndex';
import { CaseloadUnderRowSecurity1796501500000 } from './1796501500000-CaseloadUnderRowSecurity';
import { ActivationCode1796500300000 } from './1796500300000-ActivationCode';
import { ReentryPlan1796500600000 } from './1796500600000-ReentryPlan';
import { Supervision1796500500000 } from './1796500500000-Supervision';
import { SmsDelivery1796500200000 } from './1796500200000-SmsDelivery';
import { WechatBinding1796500800000 } from './1796500800000-WechatBinding';
import { VisitAppointments1796500700000 } from './1796500700000-VisitAppointments';

/** Every migration, in order. Rewritten by `npm run migration:generate -- Name`. */
export const allMigrations = [
  InitialSchema1795879642675,
  TraineeRecords1795880989284,
  CaseloadIndexes1795882411900,
  Learning1795883096749,
  Orders1795884029187,
  Placements1795893818997,
  Fairs1795895646465,
  Matching1795897866989,
  FollowUps1795899287877,
  NotificationPreferences1795901713976,
  MatchingTiers1795918815022,
  CertificateHoldersIndex1795919332331,
  NeutralDiplomaNumbers1796411573763,
  IdentityMaskColumns1796411832365,
  ControlledVocabulary1796412043780,
  TraineeSnapshot1796416386554,
  IdempotencyKeys1796421448397,
  Installation1796421460376,
  AuditPrune1796421464225,
  AuditChain1796423648690,
  SeparatedAdminRoles1796423657863,
  MfaEnrolment1796423728335,
  SessionDevices1796423739489,
  SignInThrottle1796423845111,
  JobQueue1796433143397,
  TraineeOutcome1796444386213,
  ListKeysetIndexes1796444965301,
  CaseloadKeyset1796445293443,
  TraineeEpisodes1796500000000,
  ActivationCode1796500300000,
  ReentryPlan1796500600000,
  Supervision1796500500000,
  JobLimitRules1796500400000,
  SmsDelivery1796500200000,
  VisitAppointments1796500700000,
  WechatBinding1796500800000,
  RecordSealing1796500900000,
  EmployerSeen1796501130000,
  MatchingUnderRowSecurity1796501200000,
  OrderOutcome1796501300000,
  MatchingCountFromIndex1796501400000,
  CaseloadUnderRowSecurity1796501500000,
];
