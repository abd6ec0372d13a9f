/** Hainan's city/county divisions (GB/T 2260). 三沙 has no community station of its own. */
export const HAINAN_DIVISIONS: readonly { code: string; name: string; nameEn: string }[] = [
  { code: '460100', name: '海口市', nameEn: 'Haikou' },
  { code: '460200', name: '三亚市', nameEn: 'Sanya' },
  { code: '460300', name: '三沙市', nameEn: 'Sansha' },
  { code: '460400', name: '儋州市', nameEn: 'Danzhou' },
  { code: '469001', name: '五指山市', nameEn: 'Wuzhishan' },
  { code: '469002', name: '琼海市', nameEn: 'Qionghai' },
  { code: '469005', name: '文昌市', nameEn: 'Wenchang' },
  { code: '469006', name: '万宁市', nameEn: 'Wanning' },
  { code: '469007', name: '东方市', nameEn: 'Dongfang' },
  { code: '469021', name: '定安县', nameEn: "Ding'an" },
  { code: '469022', name: '屯昌县', nameEn: 'Tunchang' },
  { code: '469023', name: '澄迈县', nameEn: 'Chengmai' },
  { code: '469024', name: '临高县', nameEn: 'Lingao' },
  { code: '469025', name: '白沙黎族自治县', nameEn: 'Baisha' },
  { code: '469026', name: '昌江黎族自治县', nameEn: 'Changjiang' },
  { code: '469027', name: '乐东黎族自治县', nameEn: 'Ledong' },
  { code: '469028', name: '陵水黎族自治县', nameEn: 'Lingshui' },
  { code: '469029', name: '保亭黎族苗族自治县', nameEn: 'Baoting' },
  { code: '469030', name: '琼中黎族苗族自治县', nameEn: 'Qiongzhong' },
];

export const SKILL_LEVELS: readonly { level: number; name: string; title: string; nameEn: string }[] = [
  { level: 5, name: '五级', title: '初级工', nameEn: 'Level 5 · junior' },
  { level: 4, name: '四级', title: '中级工', nameEn: 'Level 4 · intermediate' },
  { level: 3, name: '三级', title: '高级工', nameEn: 'Level 3 · senior' },
  { level: 2, name: '二级', title: '技师', nameEn: 'Level 2 · technician' },
  { level: 1, name: '一级', title: '高级技师', nameEn: 'Level 1 · senior technician' },
];
