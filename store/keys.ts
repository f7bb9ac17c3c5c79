// Every Redis key of the records in store/, in one place. All live under the configured prefix.
export function storeKeys(prefix: string) {
  return {
    branchSeq: `${prefix}branch:seq`,
    branches: `${prefix}branches`,
    branchByName: `${prefix}branch:by-name`,
    roomBranch: `${prefix}room:branch`,
    branch: (id: string) => `${prefix}branch:${id}`,
    branchRooms: (id: string) => `${prefix}branch:${id}:rooms`,
    branchSecretaries: (id: string) => `${prefix}branch:${id}:secretaries`,
    secretaryBranches: (wx: string) => `${prefix}secretary:${wx}:branches`,
    memberSeq: `${prefix}member:seq`,
    member: (id: string) => `${prefix}member:${id}`,
    branchMembers: (branchId: string) => `${prefix}branch:${branchId}:members`,
    memberByWechat: `${prefix}member:by-wechat`,
    memberByName: (name: string) => `${prefix}member:by-name:${name}`,
    meetingSeq: `${prefix}meeting:seq`,
    meeting: (id: string) => `${prefix}meeting:${id}`,
    meetingsByStart: `${prefix}meetings:by-start`,
    branchMeetings: (branchId: string) => `${prefix}branch:${branchId}:meetings`,
    attendance: (meetingId: string) => `${prefix}meeting:${meetingId}:attendance`,
    expected: (meetingId: string) => `${prefix}meeting:${meetingId}:expected`,
    seriesSeq: `${prefix}series:seq`,
    series: (id: string) => `${prefix}series:${id}`,
    seriesAll: `${prefix}series:all`,
    seriesOccurrence: (id: string, day: string) => `${prefix}series:${id}:occurrence:${day}`,
    flag: (name: string) => `${prefix}flag:${name}`,
  };
}
export type StoreKeys = ReturnType<typeof storeKeys>;
