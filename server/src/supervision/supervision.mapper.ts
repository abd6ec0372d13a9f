import type { LostContactDto, StationTransferDto } from './dto/supervision.dto';
import type { LostContactRow, TransferRow } from './supervision.repository';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function toTransferDto(r: TransferRow, side: StationTransferDto['side']): StationTransferDto {
  return {
    id: r.id,
    traineeId: r.traineeId,
    traineeName: r.traineeName,
    fromStationId: r.fromStationId,
    fromStationName: r.fromStationName,
    toStationId: r.toStationId,
    toStationName: r.toStationName,
    reason: r.reason as StationTransferDto['reason'],
    note: r.note,
    state: r.state,
    requestedAt: iso(r.requestedAt)!,
    requestedByName: r.requestedByName,
    decidedAt: iso(r.decidedAt),
    decidedByName: r.decidedByName,
    rejectReason: r.rejectReason as StationTransferDto['rejectReason'],
    side,
  };
}

export function toLostContactDto(r: LostContactRow): LostContactDto {
  return {
    id: r.id,
    traineeId: r.traineeId,
    traineeName: r.traineeName,
    stationId: r.stationId,
    stationName: r.stationName,
    since: r.since,
    attempts: r.attempts,
    escalated: r.escalatedAt !== null,
    foundOn: r.foundOn,
    foundMethod: r.foundMethod as LostContactDto['foundMethod'],
    foundByName: r.foundByName,
    note: r.note,
  };
}
