import { type EntityManager, In } from 'typeorm';
import { FollowUpVisit } from '../follow-ups/follow-up.entities';
import { Organisation } from '../organisations/organisation.entity';
import { LostContact, StationTransfer } from '../supervision/supervision.entities';
import { Trainee } from '../trainees/trainee.entity';
import { User } from '../users/user.entity';

const DAY = 86_400_000;
const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Community supervision in the demo: one person moved from the 三亚 station to the 儋州 one (an
 * accepted transfer; their planned visits went with them) and one 三亚 person who was lost contact
 * and found again (a closed case). Away from the 海口 station the `station` account uses, so the
 * demo's main caseload stays as it was. Written with TypeORM repositories (no SQL outside repositories).
 */
export async function loadDemoSupervision(m: EntityManager, today: Date): Promise<void> {
  const stations = m.getRepository(Organisation);
  const sanya = await stations.findOne({ where: { type: 'community_station', divisionCode: '460200' } });
  const danzhou = await stations.findOne({ where: { type: 'community_station', divisionCode: '460400' } });
  if (!sanya || !danzhou) return;
  const users = m.getRepository(User);
  const sanyaCounsellor = await users.findOne({ where: { organisationId: sanya.id, role: 'counsellor' }, order: { username: 'ASC' } });
  const danzhouCounsellor = await users.findOne({ where: { organisationId: danzhou.id, role: 'counsellor' }, order: { username: 'ASC' } });
  if (!sanyaCounsellor || !danzhouCounsellor) return;
  const people = await m.getRepository(Trainee).find({
    where: { organisationId: sanya.id, state: In(['released', 'community']) },
    order: { fullName: 'ASC', id: 'ASC' },
    take: 2,
  });
  const [moved, lost] = people;
  if (moved) {
    const requestedAt = new Date(today.getTime() - 20 * DAY);
    await m.getRepository(StationTransfer).insert({
      traineeId: moved.id,
      fromStationId: sanya.id,
      toStationId: danzhou.id,
      reason: 'moved_home',
      note: '随家人迁居儋州，新住址已核实',
      state: 'accepted',
      requestedBy: sanyaCounsellor.id,
      requestedAt,
      decidedBy: danzhouCounsellor.id,
      decidedAt: new Date(requestedAt.getTime() + 2 * DAY),
    });
    await m.getRepository(Trainee).update({ id: moved.id }, { organisationId: danzhou.id });
    await m
      .getRepository(FollowUpVisit)
      .update({ traineeId: moved.id, state: 'planned' }, { stationId: danzhou.id, assignedUserId: danzhouCounsellor.id });
  }
  if (lost) {
    const since = new Date(today.getTime() - 75 * DAY);
    const found = new Date(today.getTime() - 30 * DAY);
    await m.getRepository(LostContact).insert({
      traineeId: lost.id,
      stationId: sanya.id,
      since: isoDay(since),
      attempts: 3,
      escalatedAt: new Date(since.getTime() + 40 * DAY),
      foundOn: isoDay(found),
      foundAt: found,
      foundBy: sanyaCounsellor.id,
      foundMethod: 'home_visit',
      note: '在亲戚家找到，已恢复联系',
    });
  }
}
